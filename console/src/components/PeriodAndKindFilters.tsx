import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type ChangeEventHandler, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KINDS } from './PagesShared';

/** A select of the kinds of record, with "any" first. */
export function KindSelect({
  label,
  anyLabel,
  value,
  onChange,
}: {
  label: string;
  anyLabel: string;
  value: string;
  onChange: ChangeEventHandler<HTMLSelectElement>;
}) {
  const { t } = useTranslation('common');
  return (
    <Select label={label} nativeSelectProps={{ name: 'kind', value, onChange }}>
      <option value="">{anyLabel}</option>
      {KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {t(`kinds.${kind}`)}
        </option>
      ))}
    </Select>
  );
}

export interface PeriodAndKind {
  from: string;
  to: string;
  kind: string;
}

/**
 * The filters of the pages that show a period of one kind or all (deadlines, indicators): from,
 * to, kind, apply and reset. Texts from the page's namespace (`filters.title`, `filters.from`…).
 */
export function PeriodAndKindFilters({
  namespace,
  initial,
  onApply,
  withHint = false,
}: {
  namespace: string;
  initial: PeriodAndKind;
  onApply: (filters: PeriodAndKind) => void;
  withHint?: boolean;
}) {
  const { t } = useTranslation(namespace);
  const [filters, setFilters] = useState(initial);
  const set = (name: keyof PeriodAndKind) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [name]: event.target.value }));
  const titleId = `${namespace}-filters-title`;

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(filters);
  }

  return (
    <form onSubmit={submit} className="records-filters fr-p-3w fr-mb-3w" aria-labelledby={titleId}>
      <h2 id={titleId} className="fr-h5">
        {t('filters.title')}
      </h2>
      {withHint && <p className="fr-text--sm">{t('filters.hint')}</p>}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input label={t('filters.from')} nativeInputProps={{ name: 'from', type: 'date', value: filters.from, onChange: set('from') }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label={t('filters.to')} nativeInputProps={{ name: 'to', type: 'date', value: filters.to, onChange: set('to') }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <KindSelect label={t('filters.kind')} anyLabel={t('filters.any')} value={filters.kind} onChange={set('kind')} />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-2w">
        <li>
          <Button type="submit" iconId="fr-icon-filter-line">
            {t('filters.apply')}
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="secondary"
            onClick={() => {
              setFilters({ from: '', to: '', kind: '' });
              onApply({ from: '', to: '', kind: '' });
            }}
          >
            {t('filters.reset')}
          </Button>
        </li>
      </ul>
    </form>
  );
}
