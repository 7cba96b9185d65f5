import type { ErrorCode } from '@leeway/core';
import type { ParseKeys } from 'i18next';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';
import { type ErrorKey, errorKey, matchFieldIssues } from './errors.ts';
import type { Issue, ValidationKey } from './validation.ts';

type Values = Record<string, string>;

interface ShownIssue {
  key: ValidationKey | ErrorKey | ParseKeys;
  values?: Record<string, number>;
}

/** A field an error code belongs to, optionally with a message that fits this form better. */
type CodeField<V> = (keyof V & string) | { field: keyof V & string; message: ParseKeys };

export interface FormOptions<V extends Values> {
  initial: V;
  validate: (values: V) => Partial<Record<keyof V, Issue | undefined>>;
  /** Error codes that are about one field, e.g. `email_taken` → `email`. */
  codeFields?: Partial<Record<ErrorCode, CodeField<V>>>;
}

/**
 * Small form state for Leeway's forms: validates on every keystroke, shows a field's problem
 * once the field was left (or at once for "too long"), maps the server's field issues and
 * field-specific codes onto fields, and moves focus to the first problem on submit.
 */
export function useForm<V extends Values>(options: FormOptions<V>) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<V>(options.initial);
  const [left, setLeft] = useState<Partial<Record<keyof V, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<Partial<Record<keyof V, ShownIssue>>>({});
  const [formErrorKey, setFormErrorKey] = useState<ErrorKey | null>(null);

  const issues = options.validate(values);
  const names = Object.keys(options.initial) as (keyof V & string)[];

  function visibleIssue(name: keyof V): ShownIssue | undefined {
    const server = serverIssues[name];
    if (server) return server;
    const issue = issues[name];
    if (issue && (issue.immediate || submitted || left[name])) return issue;
    return undefined;
  }

  function focusField(name: string) {
    const element = formRef.current?.elements.namedItem(name);
    if (element instanceof HTMLElement) element.focus();
  }

  function setValue(name: keyof V & string, value: string) {
    setValues((prev) => ({ ...prev, [name]: value }));
    setServerIssues((prev) => {
      if (!prev[name]) return prev;
      const next = { ...prev };
      delete next[name];
      return next;
    });
    setFormErrorKey(null);
  }

  function field(name: keyof V & string) {
    const issue = visibleIssue(name);
    return {
      name,
      value: values[name] ?? '',
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
        setValue(name, event.target.value),
      onBlur: () => setLeft((prev) => (prev[name] ? prev : { ...prev, [name]: true })),
      error: issue ? t(issue.key, issue.values ?? {}) : undefined,
    };
  }

  function handleSubmit(onValid: (values: V) => void) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      setSubmitted(true);
      setFormErrorKey(null);
      const firstInvalid = names.find(
        (name) => issues[name] !== undefined || serverIssues[name] !== undefined,
      );
      if (firstInvalid) {
        focusField(firstInvalid);
        return;
      }
      onValid(values);
    };
  }

  /** Shows a failed submit: on the fields it concerns, else above the form. */
  function showError(error: unknown) {
    const code = error instanceof ApiError ? error.code : null;
    const codeField = code ? options.codeFields?.[code] : undefined;
    if (code && codeField) {
      const field = typeof codeField === 'string' ? codeField : codeField.field;
      const key = typeof codeField === 'string' ? (`errors.${code}` as const) : codeField.message;
      setServerIssues({ [field]: { key } } as Partial<Record<keyof V, ShownIssue>>);
      focusField(field);
      return;
    }
    if (code === 'validation_failed') {
      const { fields, unmatched } = matchFieldIssues(error, names);
      const next: Partial<Record<keyof V, ShownIssue>> = {};
      for (const name of fields) next[name as keyof V] = { key: 'validation.invalid' };
      setServerIssues(next);
      if (unmatched) setFormErrorKey(errorKey(error));
      if (fields[0]) focusField(fields[0]);
      return;
    }
    setFormErrorKey(errorKey(error));
  }

  function reset(next: V = options.initial) {
    setValues(next);
    setLeft({});
    setSubmitted(false);
    setServerIssues({});
    setFormErrorKey(null);
  }

  return {
    formRef,
    values,
    setValue,
    field,
    handleSubmit,
    showError,
    reset,
    formError: formErrorKey ? t(formErrorKey) : null,
    isDirty: names.some((name) => values[name] !== options.initial[name]),
  };
}
