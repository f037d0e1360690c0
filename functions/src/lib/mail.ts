import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from './aws.js';
import { env } from './env.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends one e-mail through SES (aws-ses-v2-local locally). Returns the SES message id. */
export async function sendMail(mail: Mail): Promise<string | undefined> {
  const out = await ses().send(
    new SendEmailCommand({
      FromEmailAddress: env().MAIL_FROM,
      Destination: { ToAddresses: [mail.to] },
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: mail.text, Charset: 'UTF-8' },
            ...(mail.html ? { Html: { Data: mail.html, Charset: 'UTF-8' } } : {}),
          },
        },
      },
    }),
  );
  return out.MessageId;
}
