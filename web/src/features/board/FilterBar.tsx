import type { Area, Member, TaskState } from '@leeway/core';
import { taskStates } from '@leeway/core';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { sortedMembers } from '../tasks/people.ts';
import { activeFilterCount, type DueFilter, dueFilters, type TaskFilters } from './filters.ts';

const openStates: TaskState[] = ['todo', 'doing', 'review'];

interface FilterBarProps {
  filters: TaskFilters;
  onChange: (next: TaskFilters) => void;
  areas: readonly Area[];
  members: readonly Member[];
  labels: readonly string[];
  /** The list view filters by state too; the board shows states as columns. */
  withState?: boolean;
  /** The calendar shows due dates by nature. */
  withDue?: boolean;
}

function FilterSelect({
  label,
  value,
  onChange,
  children,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="filter">
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className={`input select input-sm${value ? ' is-set' : ''}`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      >
        {children}
      </select>
    </div>
  );
}

/** Area, assignee, label, due (and state) filters; every change lands in the URL. */
export function FilterBar({
  filters,
  onChange,
  areas,
  members,
  labels,
  withState = false,
  withDue = true,
}: FilterBarProps) {
  const { t } = useTranslation();
  const barId = useId();
  const [open, setOpen] = useState(false);
  const set = (patch: Partial<TaskFilters>) => {
    const next: TaskFilters = { ...filters, ...patch };
    for (const key of Object.keys(patch) as (keyof TaskFilters)[]) {
      if (next[key] === undefined || next[key] === '') delete next[key];
    }
    onChange(next);
  };
  const stateValue = filters.states?.join(',') ?? '';
  const stateOptions = [
    { value: '', label: t('board.filters.anyState') },
    { value: openStates.join(','), label: t('board.filters.openStates') },
    ...taskStates.map((state) => ({ value: state, label: t(`tasks.states.${state}`) })),
  ];
  if (stateValue && !stateOptions.some((option) => option.value === stateValue)) {
    stateOptions.push({
      value: stateValue,
      label: (filters.states ?? []).map((state) => t(`tasks.states.${state}`)).join(', '),
    });
  }
  const sortedAreas = [...areas]
    .filter((a) => a.archivedAt === null)
    .sort((a, b) => a.name.localeCompare(b.name));
  const memberOptions = sortedMembers(members);
  const labelOptions = filters.label && !labels.includes(filters.label) ? [filters.label, ...labels] : labels;
  const count = activeFilterCount(withState ? filters : { ...filters, states: undefined });

  return (
    <div className={`filters${open ? ' is-open' : ''}`}>
      {/* Phones show the filters on demand; wider screens always. */}
      <Button
        size="sm"
        className="filter-toggle"
        aria-expanded={open}
        aria-controls={barId}
        onClick={() => setOpen((v) => !v)}
        data-testid="filters-toggle"
      >
        {count > 0 ? t('board.filters.toggleCount', { count }) : t('board.filters.toggle')}
      </Button>
      <fieldset className="filter-bar" id={barId} data-testid="filter-bar">
        <legend className="visually-hidden">{t('board.filters.legend')}</legend>
        {withState && (
          <FilterSelect
            label={t('board.filters.state')}
            value={stateValue}
            testId="filter-state"
            onChange={(value) => set({ states: value ? (value.split(',') as TaskState[]) : undefined })}
          >
            {stateOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </FilterSelect>
        )}
        <FilterSelect
          label={t('board.filters.area')}
          value={filters.area ?? ''}
          testId="filter-area"
          onChange={(value) => set({ area: value || undefined })}
        >
          <option value="">{t('board.filters.anyArea')}</option>
          <option value="inbox">{t('board.filters.inbox')}</option>
          {sortedAreas.map((area) => (
            <option key={area.id} value={area.id}>
              {area.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('board.filters.assignee')}
          value={filters.assignee ?? ''}
          testId="filter-assignee"
          onChange={(value) => set({ assignee: value || undefined })}
        >
          <option value="">{t('board.filters.anyone')}</option>
          <option value="me">{t('board.filters.me')}</option>
          <option value="none">{t('board.filters.nobody')}</option>
          {memberOptions.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('board.filters.label')}
          value={filters.label ?? ''}
          testId="filter-label"
          onChange={(value) => set({ label: value || undefined })}
        >
          <option value="">{t('board.filters.anyLabel')}</option>
          {labelOptions.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </FilterSelect>
        {withDue && (
          <FilterSelect
            label={t('board.filters.due')}
            value={filters.due ?? ''}
            testId="filter-due"
            onChange={(value) =>
              set({
                due: (dueFilters as readonly string[]).includes(value) ? (value as DueFilter) : undefined,
              })
            }
          >
            <option value="">{t('board.filters.anyDue')}</option>
            {dueFilters.map((due) => (
              <option key={due} value={due}>
                {t(`board.filters.dueOptions.${due}`)}
              </option>
            ))}
          </FilterSelect>
        )}
        {count > 0 && (
          <div className="filter filter-clear">
            <Button
              size="sm"
              variant="ghost"
              onClick={() => onChange({ q: filters.q, sort: filters.sort, order: filters.order })}
              data-testid="filters-clear"
            >
              {t('board.filters.clear')}
            </Button>
          </div>
        )}
      </fieldset>
    </div>
  );
}
