import type { Strings } from '../strings';
import fa from './fa';

/** Dari: Persian as written in Afghanistan. */
export default {
  ...fa,
  sentTitle: 'تشکر!',
  closedText: 'در {date} بسته شد. از توجه شما تشکر.',
  offline: 'شما به انترنت وصل نیستید — پاسخ‌هایتان ذخیره شده‌اند و پس از وصل شدن دوباره ارسال می‌شوند.',
  offlineBanner:
    'شما به انترنت وصل نیستید. می‌توانید به پاسخ دادن ادامه بدهید: پاسخ‌هایتان در این دستگاه ذخیره می‌شوند.',
  queuedTitle: 'در این دستگاه ذخیره شد',
  answeredTitle: 'شما قبلاً پاسخ داده‌اید',
  answeredText: 'پاسخ‌های شما به این پرسشنامه از طریق این لینک شخصی قبلاً دریافت شده است. تشکر!',
} satisfies Strings;
