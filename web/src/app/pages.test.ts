import { describe, expect, it } from 'vitest';
import { loadedOrLazy, pageOf } from './pages.ts';

describe('the screen at an address', () => {
  it('is found for every screen the app routes to, so its chunk loads beside the session check', () => {
    expect(pageOf('/admin/network')).toBe('network');
    expect(pageOf('/admin/users')).toBe('users');
    expect(pageOf('/workstation')).toBe('workstation');
    expect(pageOf('/applications/0b5e0f3e-1')).toBe('application');
    expect(pageOf('/supervision')).toBe('supervision');
    expect(pageOf('/antifraud')).toBe('antifraud');
    expect(pageOf('/antifraud/findings/abc')).toBe('finding');
    expect(pageOf('/antifraud/cases/abc')).toBe('case');
    expect(pageOf('/citizen')).toBe('citizenHome');
    expect(pageOf('/citizen/register')).toBe('citizenRegister');
    expect(pageOf('/drivers/520302199001010011')).toBe('driverFile');
    expect(pageOf('/exam-sessions')).toBe('examSessions');
    expect(pageOf('/exam-site')).toBe('examSite');
    expect(pageOf('/vehicles/LSVAB2BR5NN123456')).toBe('vehicleFile');
    expect(pageOf('/verify/x.y.z')).toBe('verify');
    expect(pageOf('/spot-checks/abc')).toBe('publicDraw');
  });

  it('is none for the login page, the home redirect and unknown addresses', () => {
    expect(pageOf('/login')).toBeNull();
    expect(pageOf('/')).toBeNull();
    expect(pageOf('/nothing-here')).toBeNull();
  });
});

describe('a screen fetched on demand', () => {
  it('is lazy until its module has arrived, then renders its component without suspending', async () => {
    const Screen = () => null;
    let arrive!: (m: { default: typeof Screen }) => void;
    const { Component, fetch } = loadedOrLazy(() => new Promise((resolve) => (arrive = resolve)));
    const lazyType = (Component().type as { $$typeof?: symbol }).$$typeof;
    expect(lazyType).toBe(Symbol.for('react.lazy'));

    const fetched = fetch();
    arrive({ default: Screen });
    await fetched;
    expect(Component().type).toBe(Screen);
  });
});
