import type { Strings } from '../strings';
import fa from './fa';

/** Dari: Persian as written in Afghanistan. */
export default {
  ...fa,
  sentTitle: 'تشکر!',
  closedText: 'در {date} بسته شد. از توجه شما تشکر.',
  offline: 'شما به انترنت وصل نیستید — پاسخ‌هایتان ذخیره شده‌اند و پس از وصل شدن دوباره ارسال می‌شوند.',
} satisfies Strings;
