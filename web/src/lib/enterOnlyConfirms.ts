import type { KeyboardEvent } from 'react';

/**
 * For a date picker in a form: Enter confirms the date typed (the picker's own handling, which
 * runs first) and goes no further. Without this the browser's implicit submission files the
 * whole form, e.g. an application, when the clerk only meant to confirm a date.
 */
export function enterOnlyConfirms(event: KeyboardEvent) {
  if (event.key === 'Enter') event.preventDefault();
}
