import type { OnboardingPlan } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { useAreas } from '../areas/hooks.ts';
import { useSupportEpisodes } from './hooks.ts';

/** The onboarding support episodes the plan started: close guidance that ends by itself. */
export function EpisodesCard({
  workspaceId,
  plan,
  timeZone,
}: {
  workspaceId: string;
  plan: OnboardingPlan;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const episodes = useSupportEpisodes(workspaceId, plan.episodeIds.length > 0);
  const areas = useAreas(workspaceId);
  if (plan.episodeIds.length === 0) return null;
  const areaName = (id: string) =>
    areas.data?.find((a) => a.id === id)?.name ?? t('onboarding.episodes.someArea');
  const mine = (episodes.data ?? []).filter((e) => plan.episodeIds.includes(e.id));
  const now = Date.now();

  return (
    <section className="card stack" aria-labelledby="onb-episodes-title">
      <h2 id="onb-episodes-title">{t('onboarding.episodes.title')}</h2>
      <p className="muted">{t('onboarding.episodes.intro')}</p>
      {mine.length === 0 ? (
        <p>{t('onboarding.episodes.count', { count: plan.episodeIds.length })}</p>
      ) : (
        <ul className="onb-episodes">
          {mine.map((episode) => {
            const ended =
              episode.endedAt ?? (Date.parse(episode.plannedEndAt) <= now ? episode.plannedEndAt : null);
            const date = formatDate(ended ?? episode.plannedEndAt, i18n.language, timeZone);
            return (
              <li key={episode.id} data-testid="onboarding-episode">
                {ended
                  ? t('onboarding.episodes.ended', { area: areaName(episode.areaId), date })
                  : t('onboarding.episodes.running', { area: areaName(episode.areaId), date })}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
