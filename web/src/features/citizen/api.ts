import type { ApplicationResponse } from '#shared/schemas/applications.ts';
import type { ViolationResponse } from '#shared/schemas/violations.ts';
import type { Appointment, BookableOutlet, CitizenMe } from '#shared/schemas/citizens.ts';
import { api } from '../../lib/api.ts';

export type { CitizenMe };

export const sendSmsCode = (phone: string) =>
  api<{ demoCode?: string }>('/citizens/sms-codes', { method: 'POST', body: { phone } });

export interface Registration {
  idNumber: string;
  name: string;
  phone: string;
  password: string;
  smsCode: string;
}
export const registerCitizen = (body: Registration) =>
  api<{ id: string }>('/citizens', { method: 'POST', body });

export const fetchCitizenMe = () => api<CitizenMe>('/citizens/me');

export const bindVehicle = (plate: string) =>
  api<{ plate: string; own: boolean }>('/citizens/me/vehicles', {
    method: 'POST',
    body: { plate },
  });

export const unbindVehicle = (plate: string) =>
  api<null>(`/citizens/me/vehicles/${encodeURIComponent(plate)}`, { method: 'DELETE' });

/** An online application for the holder; a refusal (422) is an answer, not an error. */
export const submitOnline = (body: {
  businessType: string;
  applicant: { idNumber: string; name: string };
  data: Record<string, unknown>;
}) => api<ApplicationResponse>('/applications', { method: 'POST', body, acceptStatus: [422] });

/** The outlets of the holder's city that take a business type in person, by name and address. */
export const fetchBookableOutlets = (businessType: string) =>
  api<{ items: BookableOutlet[] }>('/appointments/outlets', { query: { businessType } });

export const fetchSlots = (outletCode: string, date: string) =>
  api<{ items: { slot: string; capacity: number; left: number }[] }>('/appointments/slots', {
    query: { outletCode, date },
  });

export const book = (body: {
  outletCode: string;
  businessType: string;
  date: string;
  slot: string;
}) => api<Appointment>('/appointments', { method: 'POST', body });

export const cancelAppointment = (id: string) =>
  api<null>(`/appointments/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const rate = (id: string, score: number) =>
  api<{ score: number }>(`/applications/${id}/rating`, { method: 'POST', body: { score } });

/** The holder's own violation records (the server refuses anyone else's). */
export const fetchOwnViolations = (idNumber: string) =>
  api<{ items: ViolationResponse[] }>('/violations', { query: { idNumber, limit: 50 } });
