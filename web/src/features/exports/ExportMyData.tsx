import { useTranslation } from 'react-i18next';
import { myExportUrl } from './hooks.ts';

/** Profile: everything I wrote or am assigned, from every workspace, as one JSON file. */
export function ExportMyData() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p className="muted">{t('exports.me.hint')}</p>
      <div>
        <a className="button button-secondary" href={myExportUrl} download data-testid="export-me">
          {t('exports.me.action')}
        </a>
      </div>
    </div>
  );
}
