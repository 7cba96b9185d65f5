import type { Area, Member } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { isPriority, isTaskState } from './enums.ts';
import type { HistoryField } from './history.ts';
import { presetToRule, ruleToPreset } from './recurrence-presets.ts';

/**
 * A field's value as words, for the history and the conflict notice: names instead of ids,
 * dates in the reader's zone, translated states. Long text is shortened.
 */
export function useValueText(members: readonly Member[], areas: readonly Area[], timeZone: string) {
  const { t, i18n } = useTranslation();

  function short(text: string, max = 140): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  }

  return (field: HistoryField, value: unknown): string => {
    if (value === null || value === undefined || value === '') {
      if (field === 'areaId') return t('tasks.noArea');
      if (field === 'assigneeId') return t('tasks.nobody');
      if (field === 'dueAt') return t('tasks.noDue');
      if (field === 'recurrence') return t('tasks.recurrence.presets.none');
      return t('tasks.empty');
    }
    switch (field) {
      case 'state':
        return typeof value === 'string' && isTaskState(value) ? t(`tasks.states.${value}`) : String(value);
      case 'priority':
        return typeof value === 'string' && isPriority(value)
          ? t(`tasks.priorities.${value}`)
          : String(value);
      case 'blocked':
        return value === true ? t('tasks.blockedYes') : t('tasks.blockedNo');
      case 'areaId':
        return areas.find((a) => a.id === value)?.name ?? t('tasks.unknownArea');
      case 'assigneeId':
        return members.find((m) => m.userId === value)?.name ?? t('tasks.formerMember');
      case 'dueAt':
        return typeof value === 'string' ? formatDateTime(value, i18n.language, timeZone) : String(value);
      case 'labels':
        return Array.isArray(value) && value.length > 0 ? value.join(', ') : t('tasks.empty');
      case 'recurrence': {
        if (typeof value !== 'object') return String(value);
        const r = value as { rule?: unknown; mode?: unknown };
        const rule = typeof r.rule === 'string' ? r.rule : '';
        const preset = ruleToPreset(rule);
        const what =
          preset.kind === 'custom'
            ? (presetToRule(preset) ?? rule)
            : t(`tasks.recurrence.presets.${preset.kind}`);
        const mode =
          r.mode === 'on_done' ? t('tasks.recurrence.modes.on_done') : t('tasks.recurrence.modes.calendar');
        return `${what} (${mode})`;
      }
      default:
        return typeof value === 'string' ? short(value) : short(JSON.stringify(value));
    }
  };
}
