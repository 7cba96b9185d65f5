import type { ColumnType, Generated } from 'kysely';

/**
 * Row types as both drivers return them. Decided once (see database.ts):
 * - ids: text UUIDs
 * - timestamps: ISO 8601 UTC strings (text on SQLite, timestamptz on PostgreSQL parsed back
 *   to the same ISO string)
 * - booleans: integer 0/1 on both, turned into booleans by the repositories
 * - JSON: text on both, parsed by the repositories
 */
type Timestamp = string;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: 'en' | 'de';
  time_zone: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  password_changed_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: 'owner' | 'assistant';
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  workspace_id: string;
  token_hash: string;
  role: 'owner' | 'assistant';
  email: string | null;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
}

export interface AreasTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  owner_id: string;
  backup_id: string | null;
  risk_class: 'low' | 'medium' | 'high';
  /** JSON array of strings. */
  guardrails: string;
  max_level: number;
  archived_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface AreaMembersTable {
  workspace_id: string;
  area_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface TaskSeriesTable {
  id: string;
  workspace_id: string;
  rule: string;
  mode: 'calendar' | 'on_done';
  time_zone: string;
  /** DTSTART: the due date of the first instance. */
  anchor_at: Timestamp;
  /** Calendar mode: the next occurrence still to be created. */
  next_at: Timestamp | null;
  last_task_id: string | null;
  active: number;
  created_at: Timestamp;
}

export interface TasksTable {
  id: string;
  workspace_id: string;
  title: string;
  description: string;
  description_html: string;
  area_id: string | null;
  assignee_id: string | null;
  creator_id: string;
  state: 'todo' | 'doing' | 'review' | 'done' | 'cancelled';
  blocked: number;
  blocked_reason: string;
  due_at: Timestamp | null;
  due_tz: string | null;
  priority: 'none' | 'low' | 'medium' | 'high' | 'urgent';
  /** JSON array, mirrored into task_labels for filtering. */
  labels: string;
  position: number;
  version: number;
  series_id: string | null;
  checklist_total: number;
  checklist_done: number;
  comment_count: number;
  attachment_count: number;
  due_soon_notified_at: Timestamp | null;
  overdue_notified_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
  /** 0/1: created by an assistant below L3 in the area; a principal approves it (DESIGN §5). */
  proposed: number;
  /** 0/1: a principal marked it "review this one". */
  review_requested: number;
  /** Why the last submission is (not) in review; null before the first submission. */
  review_phase: 'required' | 'guardrail' | 'requested' | 'sample' | null;
  /** JSON: core's review routing result (the contract's `ReviewRouting`). */
  review_explanation: string | null;
  submitted_at: Timestamp | null;
  /** JSON array of guardrail indexes ticked on the last submission. */
  guardrails_ticked: string;
  /** When the blocked flag was last set; null while not blocked (agendas: blocked > 24 h). */
  blocked_since: Timestamp | null;
  /** The SOP the task follows and the version its checklist was pinned to (DESIGN §6). */
  sop_id: string | null;
  sop_version: number | null;
  /** The mission the task serves (DESIGN §9); null for most tasks. */
  mission_id: string | null;
}

export interface TaskLabelsTable {
  workspace_id: string;
  task_id: string;
  label: string;
}

export interface ChecklistItemsTable {
  id: string;
  workspace_id: string;
  task_id: string;
  text: string;
  done: number;
  position: number;
  created_at: Timestamp;
  /** Index of the SOP step this item was pinned from; null for the task's own items. */
  sop_step: number | null;
  /** 0/1: the SOP marked this step as a checkpoint. */
  checkpoint: number;
}

export interface TaskEventsTable {
  id: string;
  workspace_id: string;
  task_id: string;
  actor_id: string | null;
  kind: string;
  /** JSON object. */
  data: string;
  created_at: Timestamp;
}

export interface TaskFollowersTable {
  workspace_id: string;
  task_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface CommentsTable {
  id: string;
  workspace_id: string;
  task_id: string;
  author_id: string | null;
  body: string;
  body_html: string;
  /** JSON array of user ids. */
  mentions: string;
  created_at: Timestamp;
  edited_at: Timestamp | null;
}

export interface AttachmentsTable {
  id: string;
  workspace_id: string;
  task_id: string;
  uploader_id: string | null;
  file_name: string;
  content_type: string;
  size: number;
  /** Generated file name under DATA_DIR/attachments; never derived from the upload's name. */
  storage_key: string;
  created_at: Timestamp;
}

export interface TaskTemplatesTable {
  id: string;
  workspace_id: string;
  name: string;
  /** JSON: { title, description, areaId, labels, checklist, priority }. */
  payload: string;
  created_by: string | null;
  created_at: Timestamp;
}

/** What a notification is about when it is not a task. */
export type NotificationSubjectType =
  | 'sop'
  | 'lesson'
  | 'onboarding_plan'
  | 'question'
  | 'meeting'
  | 'check_in'
  | 'mission'
  | 'insight_digest';

export interface NotificationsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  kind:
    | 'assigned'
    | 'mentioned'
    | 'commented'
    | 'due_soon'
    | 'overdue'
    | 'review_requested'
    | 'review_decided'
    | 'level_proposal'
    | 'assistant_activity'
    | 'sop_review_due'
    | 'sop_acknowledge'
    | 'follow_up'
    | 'lesson'
    | 'question_asked'
    | 'question_answered'
    | 'question_waiting'
    | 'checkin_reminder'
    | 'meeting_summary'
    | 'nudge'
    | 'mission_assigned'
    | 'insights_digest';
  task_id: string | null;
  actor_id: string | null;
  excerpt: string;
  /** 'weekly': the ladder's weekly digest for principals (L4), a text column like the rest. */
  delivery: 'immediate' | 'digest' | 'weekly';
  emailed_at: Timestamp | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
  /** What a notification is about when it is not a task. */
  subject_type: NotificationSubjectType | null;
  subject_id: string | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  mode: 'immediate' | 'digest' | 'off';
}

export interface AutonomySettingsTable {
  workspace_id: string;
  /** JSON: core's `AutonomySettings`, merged over the defaults when read. */
  settings: string;
  updated_at: Timestamp;
}

export interface AutonomyGrantsTable {
  id: string;
  workspace_id: string;
  member_id: string;
  area_id: string;
  level: number;
  since: Timestamp;
  granted_by: string | null;
  reason: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LevelChangesTable {
  id: string;
  workspace_id: string;
  member_id: string;
  area_id: string;
  from_level: number;
  to_level: number;
  kind: 'promotion' | 'demotion' | 'manual' | 'request';
  /** JSON: the contract's `Evidence` at the time of the decision. */
  evidence: string;
  decided_by: string | null;
  reason: string;
  proposal_id: string | null;
  created_at: Timestamp;
}

export interface ProposalsTable {
  id: string;
  workspace_id: string;
  member_id: string;
  area_id: string;
  from_level: number;
  to_level: number;
  kind: 'auto_promotion' | 'assistant_request' | 'demotion_suggestion';
  status: 'pending' | 'accepted' | 'declined';
  /** JSON: the contract's `Evidence`. */
  evidence: string;
  /** JSON explanation, or null for an assistant's request. */
  explanation: string | null;
  note: string;
  decided_by: string | null;
  decision_reason: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface ReviewRecordsTable {
  id: string;
  workspace_id: string;
  task_id: string;
  /** The assignee whose result was reviewed, and the task's area then. */
  member_id: string | null;
  area_id: string | null;
  reviewer_id: string | null;
  phase: 'required' | 'guardrail' | 'requested' | 'sample';
  submitted_at: Timestamp;
  decided_at: Timestamp;
  outcome: 'accepted' | 'changes_requested';
  /** JSON array of tags. */
  tags: string;
  note: string;
}

/** Where the replay of a cell's review history stood (core's ReplayState as JSON); derived, deletable. */
export interface ReplayCheckpointsTable {
  workspace_id: string;
  member_id: string;
  area_id: string;
  settings_key: string;
  state: string;
  updated_at: Timestamp;
}

export interface SupportEpisodesTable {
  id: string;
  workspace_id: string;
  member_id: string;
  area_id: string;
  reason: 'onboarding' | 'new_area' | 'sop_change' | 'requested' | 'after_incident';
  cap_level: number;
  note: string;
  started_by: string | null;
  starts_at: Timestamp;
  planned_end_at: Timestamp;
  ended_at: Timestamp | null;
  /** JSON array of `{ by, reason, newEnd, at }`. */
  extensions: string;
  created_at: Timestamp;
}

export interface SopsTable {
  id: string;
  workspace_id: string;
  area_id: string;
  /** The published title and purpose (a draft's own until the first publication). */
  title: string;
  purpose: string;
  owner_id: string | null;
  status: 'draft' | 'published' | 'retired';
  review_every_days: number;
  /** The highest published version number; null before the first publication. */
  current_version: number | null;
  last_published_at: Timestamp | null;
  review_reminded_at: Timestamp | null;
  created_by: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SopVersionsTable {
  id: string;
  workspace_id: string;
  sop_id: string;
  /** Null while a draft. */
  number: number | null;
  status: 'draft' | 'published';
  title: string;
  purpose: string;
  /** JSON array of `{ text, checkpoint }`. */
  steps: string;
  changelog: string;
  requires_reack: number;
  author_id: string | null;
  /** The lesson follow-up (kind sop_change) this draft was opened for. */
  follow_up_id: string | null;
  published_by: string | null;
  published_at: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SopAcknowledgementsTable {
  workspace_id: string;
  sop_id: string;
  member_id: string;
  version_number: number;
  acknowledged_at: Timestamp;
}

export interface OnboardingTemplatesTable {
  id: string;
  workspace_id: string;
  name: string;
  /** JSON: core's `Charter`. */
  charter: string;
  /** JSON array of `{ kind, title, dueDay, access: { system, leastPrivilege } | null }`. */
  items: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface OnboardingPlansTable {
  id: string;
  workspace_id: string;
  assistant_id: string;
  title: string;
  /** 'first_30_days' for the built-in template, else a workspace template's id. */
  template_key: string;
  /** YYYY-MM-DD. */
  starts_on: string;
  /** JSON: core's `Charter`. */
  charter: string;
  /** JSON array of area ids. */
  area_ids: string;
  status: 'active' | 'completed' | 'cancelled';
  created_by: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OnboardingItemsTable {
  id: string;
  workspace_id: string;
  plan_id: string;
  kind: 'access' | 'acknowledge_sop' | 'first_task' | 'meeting' | 'intro';
  title: string;
  due_day: number;
  position: number;
  sop_id: string | null;
  task_id: string | null;
  access_system: string | null;
  access_privilege: string | null;
  done_at: Timestamp | null;
  done_by: string | null;
  done_how: 'auto' | 'manual' | null;
}

export interface LessonsTable {
  id: string;
  workspace_id: string;
  title: string;
  what_happened: string;
  impact: string;
  severity: number;
  went_well: string;
  learned: string;
  task_id: string | null;
  area_id: string | null;
  sop_id: string | null;
  author_id: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LessonFactorsTable {
  id: string;
  workspace_id: string;
  lesson_id: string;
  kind: 'process' | 'knowledge' | 'tool' | 'expectation' | 'workload';
  text: string;
  position: number;
}

export interface LessonFollowUpsTable {
  id: string;
  workspace_id: string;
  lesson_id: string;
  kind: 'sop_change' | 'training' | 'tool' | 'guardrail' | 'other';
  title: string;
  owner_id: string | null;
  due_at: Timestamp;
  status: 'open' | 'done';
  sop_id: string | null;
  /** The draft version a sop_change follow-up opened. */
  sop_version_id: string | null;
  done_at: Timestamp | null;
  done_by: string | null;
  overdue_notified_at: Timestamp | null;
  created_at: Timestamp;
}

export interface QuestionsTable {
  id: string;
  workspace_id: string;
  task_id: string | null;
  asker_id: string | null;
  addressee_id: string | null;
  body: string;
  body_html: string;
  answer: string | null;
  answer_html: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
  /** 0/1: asking blocked the task, so answering unblocks it (unless another question waits). */
  blocked_task: number;
  waiting_notified_at: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CheckInsTable {
  id: string;
  workspace_id: string;
  member_id: string;
  /** ISO week in the member's zone, e.g. 2026-W48. */
  week: string;
  done: string;
  planned: string;
  blockers: string;
  autonomy: number;
  discuss: number;
  submitted_at: Timestamp;
  updated_at: Timestamp;
}

export interface CheckInRemindersTable {
  workspace_id: string;
  member_id: string;
  weekday: number;
  /** HH:MM wall-clock time in `time_zone`. */
  time: string;
  time_zone: string;
  enabled: number;
  next_at: Timestamp | null;
}

export interface MeetingSeriesTable {
  id: string;
  workspace_id: string;
  title: string;
  description: string;
  organizer_id: string | null;
  /** Null: a single meeting. */
  rrule: string | null;
  time_zone: string;
  starts_at: Timestamp;
  duration_min: number;
  until: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingParticipantsTable {
  workspace_id: string;
  series_id: string;
  user_id: string;
}

export interface MeetingOccurrencesTable {
  workspace_id: string;
  series_id: string;
  original_start: Timestamp;
  moved_to: Timestamp | null;
  cancelled: number;
  finished_at: Timestamp | null;
  finished_by: string | null;
  updated_at: Timestamp;
}

export interface AgendaEntriesTable {
  id: string;
  workspace_id: string;
  series_id: string;
  occurrence_start: Timestamp;
  /** core's agenda item key, `${source}:${sourceId}`. */
  item_key: string;
  source: string;
  source_id: string;
  title: string;
  /** JSON: link and task facts of a manual or deferred item. */
  data: string;
  notes: string;
  status: 'open' | 'discussed' | 'deferred';
  added_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingPinnedItemsTable {
  id: string;
  workspace_id: string;
  series_id: string;
  title: string;
  position: number;
  created_at: Timestamp;
}

export interface ActionItemsTable {
  id: string;
  workspace_id: string;
  series_id: string;
  occurrence_start: Timestamp;
  item_key: string | null;
  title: string;
  task_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CalendarFeedsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  /** SHA-256 of the token; the token itself is shown once. */
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

export interface GoalsTable {
  id: string;
  workspace_id: string;
  title: string;
  description: string;
  measure: string;
  target: string;
  due_at: Timestamp | null;
  status: 'on_track' | 'at_risk' | 'off_track';
  owner_id: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MissionsTable {
  id: string;
  workspace_id: string;
  goal_id: string;
  area_id: string | null;
  assignee_id: string | null;
  title: string;
  intent: string;
  end_state: string;
  /** JSON array of short strings. */
  constraints: string;
  due_at: Timestamp | null;
  status: 'open' | 'done' | 'cancelled';
  version: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TaskNudgesTable {
  id: string;
  workspace_id: string;
  task_id: string;
  principal_id: string;
  assignee_id: string | null;
  task_changed_at: Timestamp;
  /** 1 when the task had changed in the 24 hours before the nudge (DESIGN §5, §10). */
  redundant: number;
  created_at: Timestamp;
}

export interface InsightDigestsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  /** ISO week in the principal's zone, e.g. 2026-W48: one digest per week. */
  week: string;
  /** JSON: the contract's `InsightDigestSummary`. */
  summary: string;
  created_at: Timestamp;
}

/** Claim of one mail digest per person, kind and local day (exactly once across nodes). */
export interface DigestClaimsTable {
  user_id: string;
  delivery: 'digest' | 'weekly';
  local_date: string;
  claimed_at: Timestamp;
}

export interface Database {
  digest_claims: DigestClaimsTable;
  task_nudges: TaskNudgesTable;
  insight_digests: InsightDigestsTable;
  goals: GoalsTable;
  missions: MissionsTable;
  questions: QuestionsTable;
  check_ins: CheckInsTable;
  check_in_reminders: CheckInRemindersTable;
  meeting_series: MeetingSeriesTable;
  meeting_participants: MeetingParticipantsTable;
  meeting_occurrences: MeetingOccurrencesTable;
  agenda_entries: AgendaEntriesTable;
  meeting_pinned_items: MeetingPinnedItemsTable;
  action_items: ActionItemsTable;
  calendar_feeds: CalendarFeedsTable;
  sops: SopsTable;
  sop_versions: SopVersionsTable;
  sop_acknowledgements: SopAcknowledgementsTable;
  onboarding_templates: OnboardingTemplatesTable;
  onboarding_plans: OnboardingPlansTable;
  onboarding_items: OnboardingItemsTable;
  lessons: LessonsTable;
  lesson_factors: LessonFactorsTable;
  lesson_follow_ups: LessonFollowUpsTable;
  autonomy_settings: AutonomySettingsTable;
  autonomy_grants: AutonomyGrantsTable;
  level_changes: LevelChangesTable;
  proposals: ProposalsTable;
  review_records: ReviewRecordsTable;
  replay_checkpoints: ReplayCheckpointsTable;
  support_episodes: SupportEpisodesTable;
  areas: AreasTable;
  area_members: AreaMembersTable;
  task_series: TaskSeriesTable;
  tasks: TasksTable;
  task_labels: TaskLabelsTable;
  checklist_items: ChecklistItemsTable;
  task_events: TaskEventsTable;
  task_followers: TaskFollowersTable;
  comments: CommentsTable;
  attachments: AttachmentsTable;
  task_templates: TaskTemplatesTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
}

// Kept for later tables that use generated keys or insert-only defaults.
export type { ColumnType, Generated };
