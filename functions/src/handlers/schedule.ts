// Placeholder: the scheduled sending job (invitations, reminders) invoked every few minutes.
export const handler = async (): Promise<{ sent: number }> => ({ sent: 0 });
