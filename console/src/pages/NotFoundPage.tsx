import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/** The design system's "page not found" layout, with a way home. */
export function NotFoundPage() {
  const { t } = useTranslation('notfound');
  const location = useLocation();
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-grid-row--center fr-py-6w">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t('title')}</h1>
        <p className="fr-text--sm fr-mb-3w">{t('code')}</p>
        <p className="fr-text--lead fr-mb-3w">{t('lead')}</p>
        <p className="fr-text--sm fr-mb-5w">
          {t('detail')} <code>{location.pathname}</code>
        </p>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <Link className="fr-btn" to="/">
              {t('home')}
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to="/records">
              {t('records')}
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
