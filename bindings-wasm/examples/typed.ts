// A typed tour of the wuye package, checked by `tsc --noEmit` (scripts/test-wasm.sh). The `@ts-expect-error`
// lines prove the types refuse what the engine would refuse.
import init, {
  Engine,
  WuyeError,
  defaultHandbook,
  type Envelope,
  type GoalReport,
  type Moment,
  type Request,
  type Ticket,
} from 'wuye';

export async function tour(): Promise<void> {
  await init(); // browsers: loads the wasm module; Node: a no-op

  const engine = new Engine(); // the embedded default handbook
  const custom = new Engine(JSON.parse(defaultHandbook()) as object);
  const title: string = `${custom.name} ${custom.handbookVersion}`;

  // Typed convenience methods: arguments and answers are checked.
  const due: Moment = engine.calendarAdd({
    calendar: 'office',
    from: '2025-01-27T10:00:00+08:00',
    add: { working_days: 3 },
  });
  const at: string = due.at;
  const flagged: boolean = due.assumed_regular_week;

  const gap = engine.calendarBetween({ calendar: 'office', from: at, to: '2025-03-01T00:00:00+08:00' });
  const seconds: number = gap.business_seconds + gap.calendar_seconds;

  const day = engine.calendarDay({ calendar: 'office', date: '2025-01-26' });
  if (day.kind === 'makeup_workday') {
    const windows: string[] = day.windows;
    void windows;
  }
  const { days } = engine.calendarDays({
    calendar: { week: { mon: ['09:00-18:00'] }, holidays: 'cn_mainland' },
    from: '2025-01-27',
    to: '2025-02-09',
  });
  const names: (string | undefined)[] = days.map((d) => d.name);

  // SLA: a ticket's goals at `now`, and the one instant a host needs a timer for.
  const ticket: Ticket = {
    id: 'T-1',
    kind: 'major_repair',
    events: [
      { type: 'created', at: '2025-01-24T16:00:00+08:00' },
      { type: 'paused', at: '2025-01-24T17:00:00+08:00', reason: 'waiting for parts' },
      { type: 'resumed', at: '2025-01-26T09:00:00+08:00' },
    ],
  };
  const report = engine.slaEvaluate({ ticket, now: '2025-02-06T11:00:00+08:00' });
  const resolution: GoalReport | undefined = report.goals.find((g) => g.measure === 'resolution');
  const dueAt: string | undefined = resolution?.due_at;
  const timer: string | undefined = report.next_change_at;
  for (const duty of report.obligations_open) {
    if (duty.obligation === 'follow_up') void duty.due_at;
    else void duty.since;
  }
  const kinds: string[] = engine.slaKinds().map((k) => k.id);
  // @ts-expect-error: a paused event needs its reason
  const bad: Ticket = { id: 'T-2', kind: 'complaint', events: [{ type: 'paused', at: '2025-01-24T17:00:00+08:00' }] };

  // Fees: one unit, one period, each line explained; amounts are decimal strings.
  const quote = engine.feesQuote({
    unit: { id: '1-101', use: 'residential', areas: { building: '126.38' } },
    period: { from: '2025-01-01', to: '2025-01-31' },
    explain: true,
  });
  const total: string = quote.total;
  const formulas: (string | undefined)[] = quote.lines.map((l) => l.formula);
  // @ts-expect-error: areas are decimal strings, never numbers
  engine.feesQuote({ unit: { use: 'residential', areas: { building: 126.38 } }, period: { from: '2025-01-01', to: '2025-01-31' } });

  // Workflows: try an event; see who may do what next.
  const history = [
    { name: 'apply', actor: '业主 陈先生', role: 'owner', at: '2026-03-02T09:00:00+08:00', payload: { documents: ['owner_id'] } },
  ];
  const applied = engine.workflowApply({
    workflow: 'renovation_permit',
    history,
    event: { name: 'start_review', actor: '李娜', role: 'assistant', at: '2026-03-02T10:00:00+08:00' },
    now: '2026-03-02T10:00:00+08:00',
  });
  const state: string = applied.state.state;
  const next = engine.workflowAllowed({ workflow: 'renovation_permit', history: applied.history, role: 'supervisor', now: '2026-03-03T10:00:00+08:00' });
  const steps: string[] = next.allowed.map((a) => `${a.event} → ${a.to}`);

  // The org chart: who a matter goes up to.
  const up = engine.orgEscalate({ from: 'assistant' });
  const nextRole: string | undefined = up.to?.id;

  // The protocol: envelopes with `ok` or `error`, ids echoed.
  const request = { op: 'calendar.is_working', id: 7, calendar: 'office', at: at } satisfies Request;
  const answer: Envelope<'calendar.is_working'> = engine.handle(request);
  if ('error' in answer && answer.error) {
    const code: string = answer.error.code;
    void code;
  } else if (answer.ok) {
    const working: boolean = answer.ok.working;
    void working;
  }
  const batch: Envelope[] = engine.handle([request, { op: 'calendar.day', calendar: 'office', date: '2025-05-31' }]);
  const text: string = engine.request(JSON.stringify(request));

  // Generic call: the op name picks the argument and answer types.
  const nextWorking: Moment = engine.call('calendar.next_working', { calendar: 'office', from: at });

  try {
    engine.calendarAdd({ calendar: 'night_shift', from: at, add: { hours: 1 } });
  } catch (e) {
    if (e instanceof WuyeError) {
      const where: string | undefined = e.path;
      const all: number = e.problems.length;
      void [e.code, e.message, where, all];
    }
  }

  // @ts-expect-error: a duration has one clock
  engine.calendarAdd({ calendar: 'office', from: at, add: { weeks: 1 } });
  // @ts-expect-error: exactly one clock
  engine.calendarAdd({ calendar: 'office', from: at, add: { hours: 1, business_hours: 1 } });
  // @ts-expect-error: `from` is required
  engine.calendarAdd({ calendar: 'office', add: { hours: 1 } });
  // @ts-expect-error: unknown op
  engine.call('calendar.tomorrow', { calendar: 'office' });
  // @ts-expect-error: answers are typed, not `any`
  const wrong: string = engine.calendarBetween({ calendar: 'office', from: at, to: at }).business_seconds;

  engine.free();
  void [title, flagged, seconds, names, batch, text, nextWorking, wrong, total, formulas, state, steps, nextRole, dueAt, timer, kinds, bad];
}
