import type { Static } from 'typebox';
import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import {
  AreaAutonomy,
  AutonomySettingsPatchBody,
  AutonomySettingsSchema,
  DecideReviewBody,
  Evidence,
  ExplanationSchema,
  PrincipalNoticeSchema,
  type Proposal,
  type ReviewRecord,
  ReviewRouting,
  StartEpisodeBody,
  SubmitTaskBody,
  type SupportEpisode,
} from '../contract/autonomy.ts';
import { effectiveLevel } from './effective-level.ts';
import { computeEvidence, type ReviewFacts } from './evidence.ts';
import { explanationCodes } from './explanations.ts';
import { principalNotice } from './notifications.ts';
import { promotionCheck } from './promotion.ts';
import { decideProposal } from './proposals.ts';
import { decideReview } from './review-routing.ts';
import {
  type AutonomySettings,
  type AutonomySettingsPatch,
  mergeAutonomySettings,
  defaultAutonomySettings as settings,
} from './settings.ts';
import { type EpisodeFacts, episodeStatus, extendEpisode } from './support-episodes.ts';
import { at, history } from './test-helpers.ts';
import { samplingState } from './tightening.ts';

// Compile-time: what the server reads from the wire fits the core rules, and what the rules
// return fits the wire. A mismatch fails `tsc -p core`, not only this test.
const _settingsOut: Static<typeof AutonomySettingsSchema> = settings satisfies AutonomySettings;
const _patchIn = (body: AutonomySettingsPatchBody): AutonomySettingsPatch => body;
const _recordIn = (r: ReviewRecord): ReviewFacts => r;
const _episodeIn = (e: SupportEpisode): EpisodeFacts => e;
const _proposalIn = (p: Proposal) => decideProposal(p, { decision: 'accept' });

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the contract carries what the rules return', () => {
  it('accepts the default settings, and a patch of them', () => {
    expect(Value.Check(AutonomySettingsSchema, settings)).toBe(true);
    expect(Value.Check(AutonomySettingsSchema, { ...settings, extra: 1 })).toBe(false);
    const patch = { sampling: { l3Rate: 0.3 }, promotion: { toL3: { minReviewed: 12 } } };
    expect(Value.Check(AutonomySettingsPatchBody, patch)).toBe(true);
    expect(Value.Check(AutonomySettingsPatchBody, { sampling: { l3Rate: 1.5 } })).toBe(false);
    expect(Value.Check(AutonomySettingsSchema, mergeAutonomySettings(settings, patch))).toBe(true);
  });

  it('fits evidence, promotion criteria and sampling state into Evidence', () => {
    const now = at(40);
    const records = history(['ok', 'pref', 'defect', 'ok', 'ok', 'ok', 'ok'], 1);
    const facts = computeEvidence({ records, levelSince: at(0), settings, now });
    const promotion = promotionCheck({
      evidence: facts,
      level: 2,
      riskClass: 'medium',
      maxLevel: 5,
      settings,
      now,
    });
    const { tighteningStarts: _starts, ...sampling } = samplingState({
      records,
      promotions: [],
      level: 2,
      settings,
      now,
    });
    const evidence: Evidence = {
      ...facts,
      riskClass: 'medium',
      maxLevel: 5,
      promotion,
      sampling,
      computedAt: new Date(now).toISOString(),
    };
    expect(Value.Errors(Evidence, evidence)).toEqual([]);

    const episode: SupportEpisode = {
      id: uuid(1),
      memberId: uuid(2),
      areaId: uuid(3),
      reason: 'onboarding',
      capLevel: 1,
      note: '',
      startedBy: uuid(4),
      startsAt: at(30),
      plannedEndAt: at(44),
      endedAt: null,
      extensions: [],
    };
    const extended = extendEpisode(
      episode,
      { by: uuid(4), reason: 'More time', newEnd: at(50), at: now },
      settings,
    );
    expect(extended.ok).toBe(true);
    const eff = effectiveLevel({ grant: 2, episodes: [episode], maxLevel: 5, now });
    const cell: AreaAutonomy = {
      grant: {
        memberId: uuid(2),
        areaId: uuid(3),
        level: eff.grant,
        effectiveLevel: eff.level,
        effectiveExplanation: eff.explanation,
        since: at(0),
        grantedBy: null,
        reason: '',
      },
      evidence,
      activeEpisode: extended.ok ? extended.value : episode,
      pendingProposal: null,
    };
    expect(Value.Errors(AreaAutonomy, cell)).toEqual([]);
    expect(Value.Check(ExplanationSchema, episodeStatus(episode, now, settings).explanation)).toBe(true);
  });

  it('fits a routing decision and a notice', () => {
    for (const level of [1, 3, 5] as const) {
      const routing = decideReview({
        level,
        settings,
        taskId: uuid(level),
        guardrailsTicked: [],
        explicitlyRequested: true,
        reviewsSinceLevelStart: 20,
        tightened: false,
      });
      expect(Value.Errors(ReviewRouting, routing)).toEqual([]);
      expect(
        Value.Check(PrincipalNoticeSchema, principalNotice(level, { kind: 'guardrail_hit' }, settings)),
      ).toBe(true);
    }
  });

  it('knows every explanation code', () => {
    for (const code of explanationCodes)
      expect(Value.Check(ExplanationSchema, { code, params: {} })).toBe(true);
    expect(Value.Check(ExplanationSchema, { code: 'made_up', params: {} })).toBe(false);
  });
});

describe('request bodies', () => {
  it.each([
    [SubmitTaskBody, { version: 3, guardrailsTicked: [] }, true],
    [SubmitTaskBody, { version: 3, guardrailsTicked: [0, 2], note: 'Done' }, true],
    [SubmitTaskBody, { version: 3, guardrailsTicked: [1, 1] }, false],
    [SubmitTaskBody, { version: 3, guardrailsTicked: [-1] }, false],
    [SubmitTaskBody, { version: 3 }, false],
    [DecideReviewBody, { outcome: 'accepted' }, true],
    [DecideReviewBody, { outcome: 'changes_requested', tags: ['defect'], note: 'x' }, true],
    [DecideReviewBody, { outcome: 'changes_requested', tags: ['style'] }, false],
    [DecideReviewBody, { outcome: 'rejected' }, false],
    [StartEpisodeBody, { memberId: uuid(1), areaId: uuid(2), reason: 'new_area', capLevel: 2 }, true],
    [StartEpisodeBody, { memberId: uuid(1), areaId: uuid(2), reason: 'punishment', capLevel: 2 }, false],
    [StartEpisodeBody, { memberId: uuid(1), areaId: uuid(2), reason: 'new_area', capLevel: 0 }, false],
  ] as const)('%#: %j → %s', (schema, body, ok) => {
    expect(Value.Check(schema, body)).toBe(ok);
  });
});
