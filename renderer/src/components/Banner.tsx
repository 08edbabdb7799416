// The message bar: main's actionable errors (role alert) and confirmations (role status).
import { useTranslation } from '../i18n';
import { errorText } from '../errors';
import { useApp } from '../store/app';

export function Banner() {
  const { t } = useTranslation();
  const banner = useApp((state) => state.banner);
  const dismiss = useApp((state) => state.dismissBanner);
  if (!banner) return <div role="status" className="sr-only" />;
  return (
    <div className={`banner banner-${banner.tone}`} role={banner.tone === 'error' ? 'alert' : 'status'}>
      <p>
        {banner.tone === 'error'
          ? errorText(t, banner.error)
          : [t(banner.key, banner.values), banner.also ? t(banner.also.key, banner.also.values) : ''].join(' ').trim()}
      </p>
      <button type="button" onClick={dismiss}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
