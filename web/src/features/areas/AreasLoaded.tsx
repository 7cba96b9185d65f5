import type { Area } from '@leeway/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';

/**
 * The areas screens (list, matrix) name people in every row, so they wait for the areas and
 * the members together: one loading state and one error for both, then the areas.
 */
export function AreasLoaded({
  areas,
  people,
  children,
}: {
  areas: UseQueryResult<Area[]>;
  people: { isPending: boolean; isFetching: boolean; error: unknown; refetch: () => void };
  children: (areas: Area[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (areas.isPending || people.isPending) return <LoadingState />;
  if (areas.isError || people.error)
    return (
      <ErrorState
        message={t(errorKey(areas.error ?? people.error))}
        onRetry={() => {
          // Retry whichever failed; a members error alone must clear too.
          if (areas.isError) void areas.refetch();
          if (people.error) people.refetch();
        }}
        retrying={areas.isFetching || people.isFetching}
      />
    );
  return children(areas.data);
}
