// The only external pages Botsweep opens (in the system browser): Tencent Cloud Chat documentation.

export const DOC_LINKS = {
  deleteRobot: 'https://www.tencentcloud.com/document/product/1047/55282',
  errorCodes: 'https://www.tencentcloud.com/document/product/1047/34348',
  userSig: 'https://www.tencentcloud.com/document/product/1047/34385',
  console: 'https://console.tencentcloud.com/im',
} as const;

const ALLOWED_ORIGINS = [
  'https://www.tencentcloud.com',
  'https://trtc.io',
  'https://cloud.tencent.com',
  'https://intl.cloud.tencent.com',
  'https://console.tencentcloud.com',
];

/** True for an https URL on Tencent's documentation or console hosts. */
export function isAllowedExternalUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && ALLOWED_ORIGINS.includes(url.origin) && !url.username && !url.password;
  } catch {
    return false;
  }
}
