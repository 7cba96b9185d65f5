import type { Area, Member } from '@leeway/core';
import { useMemo } from 'react';
import { useAreas } from '../areas/hooks.ts';
import { useMembers } from '../members/hooks.ts';
import { useLabelNames } from '../tasks/hooks.ts';

/**
 * Names for the ids on cards and rows, and the options of the filters. Screens still work
 * while these load or if they fail: ids just show without a name for a moment.
 */
export function useLookups(workspaceId: string) {
  const areas = useAreas(workspaceId);
  const members = useMembers(workspaceId);
  const labels = useLabelNames(workspaceId);
  const memberMap = useMemo(
    () => new Map<string, Member>((members.data ?? []).map((member) => [member.userId, member])),
    [members.data],
  );
  const areaMap = useMemo(
    () => new Map<string, Area>((areas.data ?? []).map((area) => [area.id, area])),
    [areas.data],
  );
  return {
    areas: areas.data ?? [],
    members: members.data ?? [],
    labels: labels.data ?? [],
    memberMap,
    areaMap,
  };
}
