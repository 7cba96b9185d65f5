import type { Member } from '@leeway/core';
import { useMemo } from 'react';
import { useMembers } from '../members/hooks.ts';

/** Members of a workspace by user id, for showing names next to ids. */
export function useMemberMap(workspaceId: string): {
  members: Member[];
  byId: Map<string, Member>;
  isPending: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => void;
} {
  const query = useMembers(workspaceId);
  const members = query.data;
  const byId = useMemo(() => new Map((members ?? []).map((m) => [m.userId, m])), [members]);
  const { refetch } = query;
  return {
    members: members ?? [],
    byId,
    isPending: query.isPending,
    isFetching: query.isFetching,
    error: query.error,
    refetch: () => void refetch(),
  };
}

/** Members sorted for a picker: by name, in the reader's language. */
export function sortedMembers(members: readonly Member[]): Member[] {
  return [...members].sort((a, b) => a.name.localeCompare(b.name));
}
