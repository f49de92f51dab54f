/**
 * How text messages reach a phone (the SMS gateway of the installation). Pluggable: the platform
 * is given one in its context; without one, messages are written to the log (see
 * citizens/citizens.service.ts) so a development or demo installation needs no gateway.
 */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/** The default sender: the message goes to the log, with the phone masked. */
export function logSender(log: { info(obj: object, msg: string): void }): SmsSender {
  return {
    send: async (phone, text) => {
      log.info(
        { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, sms: text },
        'SMS (log sender)',
      );
    },
  };
}
