import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { filtersToParams, parseFilters, type TaskFilters } from './filters.ts';

/** The filters kept in the URL's query string, and a setter that keeps other parameters. */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // Parsed again only when the query string changes, so the filters object stays stable.
  const filters = useMemo(() => parseFilters(new URLSearchParams(search)), [search]);
  const setFilters = useCallback(
    (next: TaskFilters, options: { replace?: boolean } = {}) => {
      setParams((prev) => filtersToParams(next, prev), { replace: options.replace ?? false });
    },
    [setParams],
  );
  return [filters, setFilters] as const;
}
