import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { ses } from './aws.js';
import { env } from './env.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** SES message tags (name: value), returned in bounce notifications: which invitation it was. */
  tags?: Record<string, string>;
}

/**
 * Sends one e-mail through SES v2's SendEmail (aws-ses-v2-local locally). Returns the SES message id. Every e-mail
 * the platform sends goes through here, under the stage's configuration set when there is one (so
 * bounces come back as events: handlers/bounces.ts); pace many with the sending queue.
 */
export async function sendMail(mail: Mail): Promise<string | undefined> {
  const input: SendEmailCommandInput = {
    FromEmailAddress: env().MAIL_FROM,
    ...(env().SES_CONFIGURATION_SET ? { ConfigurationSetName: env().SES_CONFIGURATION_SET } : {}),
    ...(mail.tags ? { EmailTags: Object.entries(mail.tags).map(([Name, Value]) => ({ Name, Value })) } : {}),
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
  };
  const out = await ses().rest('POST', '/v2/email/outbound-emails', input);
  return out.MessageId as string | undefined;
}
