// The playground: wires the page to the wuye Engine. Every answer comes from the engine; this file reads the
// form, sends requests and draws what comes back.
import init, { Engine, WuyeError, defaultHandbook, version } from '../../bindings-wasm/pkg/web/index.js';
import { renderTimeline, ms, offsetMinutes, localDate, shortTime } from './timeline.js';

const $ = (id) => document.getElementById(id);
const DAY = 86_400_000;

let engine = null; // the compiled handbook
let doc = {}; // the handbook document, for the pickers

/** `code at path: message` for a WuyeError, the message for anything else. */
function describe(e) {
  if (e instanceof WuyeError) return `${e.code}${e.path ? ` at ${e.path}` : ''}: ${e.message}`;
  return String(e?.message ?? e);
}

function status(id, text, ok) {
  const el = $(id);
  el.textContent = text;
  el.className = `status ${ok ? 'ok' : 'err'}`;
}

/** Runs `f`, showing a thrown error in the status element `id`. */
function guarded(id, f) {
  return () => {
    try {
      status(id, '', true);
      f();
    } catch (e) {
      status(id, describe(e), false);
    }
  };
}

/** Whether this build answers `op` (an unknown area answers `request.unknown_op`). */
function available(op) {
  return engine.handle({ op }).error?.code !== 'request.unknown_op';
}

function fillSelect(id, values, keep) {
  const el = $(id);
  const old = keep ?? el.value;
  el.replaceChildren(...values.map(([value, label]) => new Option(label ?? value, value)));
  if (values.some(([v]) => v === old)) el.value = old;
}

// ---- 1 · handbook -----------------------------------------------------------------------------------------

function compile() {
  const text = $('hb-text').value;
  $('hb-problems').replaceChildren();
  try {
    const next = new Engine(text);
    engine?.free();
    engine = next;
    doc = JSON.parse(text);
    status('hb-status', `compiled: ${engine.name} ${engine.handbookVersion}`, true);
  } catch (e) {
    status('hb-status', 'not compiled: the previous handbook stays in use', false);
    const problems = e instanceof WuyeError ? e.problems : [{ code: 'error', message: describe(e) }];
    $('hb-problems').replaceChildren(
      ...problems.map((p) => {
        const li = document.createElement('li');
        li.textContent = `${p.code}${p.path ? ` at ${p.path}` : ''}: ${p.message}`;
        return li;
      }),
    );
    return;
  }
  refreshPickers();
}

function refreshPickers() {
  fillSelect('cal-name', Object.keys(doc.calendars ?? {}).map((k) => [k]), 'office');
  guarded('sla-status', setupSla)();
  guarded('fees-status', setupFees)();
  guarded('wf-status', setupWorkflow)();
}

// ---- 2 · calendar -----------------------------------------------------------------------------------------

/** The UTC offset (minutes) of a handbook calendar, `+08:00` unless it says otherwise. */
function calendarOffset(name) {
  return offsetMinutes(doc.calendars?.[name]?.utc_offset ?? '+08:00');
}

/** The days of `calendar` covering `[start, end]` (ms), whole local days; none if the stretch is too long. */
function daysAround(calendar, start, end) {
  const offset = calendarOffset(calendar);
  const from = localDate(start, offset);
  const to = localDate(end, offset);
  if ((Date.parse(to) - Date.parse(from)) / DAY > 730) return { days: [], offset };
  return { days: engine.calendarDays({ calendar, from, to }).days, offset };
}

/** The stretch to draw: whole local days around `[a, b]`. */
function wholeDays(a, b, offset) {
  const off = offset * 60_000;
  const start = Math.floor((a + off) / DAY) * DAY - off;
  const end = Math.max(start + DAY, Math.ceil((b + off) / DAY) * DAY - off);
  return [start, end];
}

const onCalendarUnits = new Set(['business_hours', 'business_minutes', 'working_days']);

/** `{business_hours: 8}` → `8 business hours`. */
function spanText(span) {
  const [[unit, n]] = Object.entries(span);
  return `${n} ${unit.replace('_', ' ')}`;
}

function calendarAdd() {
  const calendar = $('cal-name').value;
  const from = $('cal-from').value.trim();
  const unit = $('cal-unit').value;
  const add = { [unit]: Number($('cal-amount').value) };
  $('cal-result').textContent = '';
  $('cal-timeline').replaceChildren();
  let due;
  try {
    due = engine.calendarAdd({ calendar, from, add });
  } catch (e) {
    $('cal-note').textContent = describe(e);
    return;
  }
  $('cal-result').textContent = due.at;
  $('cal-note').textContent = due.assumed_regular_week ? 'outside the holiday data: the regular week was assumed' : '';
  const offset = calendarOffset(calendar);
  const [start, end] = wholeDays(ms(from), ms(due.at), offset);
  const { days } = daysAround(calendar, start, end - 1);
  $('cal-timeline').innerHTML = renderTimeline({
    title: `${spanText(add)} from ${from} on ${calendar}`,
    start,
    end,
    offset,
    days,
    lanes: [
      {
        label: `${spanText(add)} on ${calendar}`,
        counted: [[ms(from), ms(due.at)]],
        onCalendar: onCalendarUnits.has(unit),
        due: ms(due.at),
        dueLabel: `due ${shortTime(due.at)}`,
      },
    ],
    marks: [{ at: ms(from), kind: 'start', label: `from ${shortTime(from)}` }],
  });
}

// ---- 3 · SLA ----------------------------------------------------------------------------------------------

function unavailable(panel, op) {
  const missing = op.filter((o) => !available(o));
  const box = $(`${panel}-unavailable`);
  box.hidden = missing.length === 0;
  box.textContent = missing.length ? `Not available in this build: ${missing.join(', ')} has not landed in the engine yet.` : '';
  $(`${panel}-body`).hidden = missing.length > 0;
  return missing.length === 0;
}

const SAMPLE_EVENTS = `2025-01-24T16:00:00+08:00 created
2025-01-24T16:20:00+08:00 acknowledged
2025-01-24T16:40:00+08:00 assigned maintenance
2025-01-24T17:00:00+08:00 paused waiting for parts
2025-01-26T09:00:00+08:00 resumed`;

/** The argument each event type takes after its instant and name (`paused waiting for parts`). */
const EVENT_ARG = { paused: 'reason', assigned: 'to', reclassified: 'kind', follow_up_done: 'satisfaction' };

function setupSla() {
  if (!unavailable('sla', ['sla.evaluate'])) return;
  const kinds = engine.slaKinds();
  fillSelect('sla-kind', kinds.map((k) => [k.id, `${k.id} — ${k.name}`]), 'major_repair');
  $('sla-hint').textContent =
    'Events: created, acknowledged, assigned <role>, paused <reason>, resumed, reclassified <kind>, resolved, ' +
    'reopened, owner_informed, follow_up_done [answer], closed, cancelled.';
  if (!$('sla-events').value) $('sla-events').value = SAMPLE_EVENTS;
}

/** The ticket's events from the text area, one per line: `instant type [argument]`. */
function readEvents() {
  const events = [];
  const lines = [];
  $('sla-events').value.split('\n').forEach((text, i) => {
    if (!text.trim()) return;
    const m = /^\s*(\S+)\s+(\S+)(?:\s+(.*?))?\s*$/.exec(text);
    if (!m) throw new Error(`line ${i + 1}: write \`instant event [argument]\``);
    const event = { type: m[2], at: m[1] };
    if (m[3] !== undefined) event[EVENT_ARG[m[2]] ?? 'argument'] = m[3];
    events.push(event);
    lines.push(i + 1);
  });
  return { events, lines };
}

/** Pauses as `{from, to?}` ms from the events the user entered. */
function pausesOf(events) {
  const out = [];
  for (const e of events) {
    if (e.type === 'paused') out.push({ from: ms(e.at), label: `paused: ${e.reason ?? ''}` });
    else if (['resumed', 'resolved', 'closed', 'cancelled'].includes(e.type) && out.length && out.at(-1).to === undefined) {
      out.at(-1).to = ms(e.at);
    }
  }
  return out;
}

function slaEvaluate() {
  $('sla-due').textContent = '';
  $('sla-state').textContent = '';
  $('sla-timeline').replaceChildren();
  $('sla-raw').textContent = '';
  const { events, lines } = readEvents();
  const now = $('sla-now').value.trim();
  const ticket = { id: 'T-1', kind: $('sla-kind').value, events };
  let report;
  try {
    report = engine.slaEvaluate({ ticket, now });
  } catch (e) {
    const m = /events\[(\d+)\]/.exec(e.path ?? '');
    throw m ? new Error(`line ${lines[Number(m[1])]}: ${describe(e)}`) : e;
  }
  $('sla-raw').textContent = JSON.stringify(report, null, 2);
  const current = report.goals.filter((g) => g.cycle === report.cycle);
  const main = current.find((g) => g.measure === 'resolution') ?? current.find((g) => g.due_at) ?? report.goals[0];
  $('sla-due').textContent = main?.due_at ?? '—';
  const notes = [
    `ticket ${report.state}`,
    main ? `${main.measure} ${main.state.replace('_', ' ')}, ${main.percent_used}% used` : '',
    report.escalations_due.length ? `escalate to ${report.escalations_due.map((e) => e.role).join(', ')}` : '',
    ...report.obligations_open.map((o) => `open duty: ${o.obligation.replaceAll('_', ' ')}`),
    report.next_change_at ? `next change ${report.next_change_at}` : '',
  ];
  $('sla-state').textContent = notes.filter(Boolean).join(' · ');

  const nowMs = ms(now);
  const instants = [nowMs, ...events.map((e) => ms(e.at)), ...report.goals.flatMap((g) => (g.due_at ? [ms(g.due_at)] : []))];
  const calendar = report.goals.find((g) => g.calendar)?.calendar ?? (doc.calendars?.office ? 'office' : undefined);
  const offset = calendar ? calendarOffset(calendar) : offsetMinutes(doc.sla?.utc_offset);
  const [start, end] = wholeDays(Math.min(...instants), Math.max(...instants), offset);
  const { days } = calendar ? daysAround(calendar, start, end - 1) : { days: [] };
  const marks = events
    .filter((e) => !['paused', 'resumed'].includes(e.type))
    .map((e) => ({ at: ms(e.at), kind: e.type === 'created' ? 'start' : 'event', label: `${e.type.replaceAll('_', ' ')} ${shortTime(e.at)}` }));
  marks.push({ at: nowMs, kind: 'now', label: `now ${shortTime(now)}` });
  for (const g of report.goals) {
    for (const up of g.escalations) {
      if (up.at && up.fired) marks.push({ at: ms(up.at), kind: "escalation", label: `↑ ${up.role}` });
    }
  }
  $('sla-timeline').innerHTML = renderTimeline({
    title: `SLA of a ${report.kind} ticket at ${now}`,
    start,
    end,
    offset,
    days,
    pauses: pausesOf(events),
    lanes: report.goals.map((g) => ({
      label: `${g.measure.replaceAll('_', ' ')}${report.cycle > 1 ? ` (cycle ${g.cycle})` : ''} · ${spanText(g.target)} · ${g.state.replace('_', ' ')}`,
      counted: g.counted.map(([a, b]) => [ms(a), ms(b)]),
      onCalendar: Boolean(g.calendar),
      due: g.due_at ? ms(g.due_at) : undefined,
      dueLabel: g.due_at ? `due ${shortTime(g.due_at)}` : '',
      breach: g.breached_at ? { from: ms(g.breached_at), to: g.stopped_at ? ms(g.stopped_at) : nowMs } : undefined,
      warnings: g.warnings.filter((w) => w.at).map((w) => ({ at: ms(w.at), reached: w.reached, label: `${w.percent}% at ${w.at}` })),
    })),
    marks,
  });
}

// ---- 4 · fees ---------------------------------------------------------------------------------------------

const SAMPLE_QUOTE = {
  explain: true,
  unit: {
    id: '1-101',
    use: 'residential',
    areas: { building: '126.38' },
    readings: [{ item: 'electricity_residential', previous: '10230', current: '10530', used_before: '2600' }],
    shares: [{ item: 'shared_electricity', pool: '334.64', weight: '126.38', total_weight: '324.56' }],
    debts: [{ id: '2024-10', principal: '315.95', due: '2024-10-31' }],
  },
  period: { from: '2025-01-01', to: '2025-01-31' },
};

function setupFees() {
  if (!unavailable('fees', ['fees.quote'])) return;
  const uses = Object.entries(doc.fees?.uses ?? {}).map(([id, u]) => [id, `${id} — ${u.name ?? ''}`]);
  fillSelect('fees-use', uses, 'residential');
  if (!$('fees-args').value) writeFeesArgs(SAMPLE_QUOTE);
}

function writeFeesArgs(args) {
  $('fees-args').value = JSON.stringify(args, null, 2);
  $('fees-use').value = args.unit?.use ?? '';
  $('fees-area').value = args.unit?.areas?.building ?? '';
  $('fees-from').value = args.period?.from ?? '';
  $('fees-to').value = args.period?.to ?? '';
}

/** The form fields write into the JSON arguments, so both stay one request. */
function feesFieldChanged() {
  let args;
  try {
    args = JSON.parse($('fees-args').value);
  } catch (e) {
    status('fees-status', `the arguments are not JSON: ${e.message}`, false);
    return;
  }
  args.unit ??= {};
  args.unit.use = $('fees-use').value;
  args.unit.areas = { ...args.unit.areas, building: $('fees-area').value.trim() };
  args.period = { from: $('fees-from').value.trim(), to: $('fees-to').value.trim() };
  $('fees-args').value = JSON.stringify(args, null, 2);
}

function sourceText(source) {
  if (!source) return '';
  return typeof source === 'string' ? `handbook ${source}` : `assumed: ${source.assumed}`;
}

function feesBill() {
  $('fees-lines').tBodies[0].replaceChildren();
  $('fees-total').textContent = '';
  $('fees-omitted').textContent = '';
  $('fees-payer').textContent = '';
  $('fees-raw').textContent = '';
  let args;
  try {
    args = JSON.parse($('fees-args').value);
  } catch (e) {
    throw new Error(`the arguments are not JSON: ${e.message}`);
  }
  const bill = engine.feesQuote({ explain: true, ...args });
  $('fees-raw').textContent = JSON.stringify(bill, null, 2);
  const rows = bill.lines.map((line) => {
    const tr = document.createElement('tr');
    const item = document.createElement('td');
    item.innerHTML = `<div></div><div class="explain"></div>`;
    item.firstChild.textContent = line.name ?? line.item;
    item.lastChild.textContent = line.debt ? `${line.item} (debt ${line.debt})` : line.item;
    const amount = document.createElement('td');
    amount.className = 'num';
    amount.textContent = line.amount;
    const how = document.createElement('td');
    how.innerHTML = `<div></div><div class="explain"></div>`;
    how.firstChild.textContent = line.formula ?? '';
    how.lastChild.textContent = [line.exact && line.exact !== line.amount ? `exact ${line.exact}` : '', sourceText(line.source)]
      .filter(Boolean)
      .join(' · ');
    tr.append(item, amount, how);
    return tr;
  });
  $('fees-lines').tBodies[0].replaceChildren(...rows);
  $('fees-total').textContent = bill.total;
  $('fees-payer').textContent = `(${bill.payer} pays${bill.period?.months ? `, ${bill.period.months} month(s)` : ''})`;
  $('fees-omitted').textContent = bill.omitted?.length ? `not billed (no reading or share): ${bill.omitted.join(', ')}` : '';
}

// ---- 5 · workflow -----------------------------------------------------------------------------------------

const SAMPLE_HISTORY = [
  { name: 'apply', actor: '业主 陈先生', role: 'owner', at: '2026-03-02T09:00:00+08:00', payload: { documents: ['owner_id', 'property_certificate'] } },
  { name: 'start_review', actor: '李娜', role: 'assistant', at: '2026-03-02T10:00:00+08:00' },
  { name: 'add_documents', actor: '业主 陈先生', role: 'owner', at: '2026-03-03T09:00:00+08:00', payload: { documents: ['renovation_plan', 'contractor_licence'] } },
];

let workflows = [];

function setupWorkflow() {
  if (!unavailable('wf', ['workflow.apply', 'workflow.allowed'])) return;
  workflows = engine.workflowList();
  fillSelect('wf-name', workflows.map((w) => [w.id, `${w.id} — ${w.name}`]), 'renovation_permit');
  fillSelect('wf-role', (doc.org?.roles ?? []).map((r) => [r.id, `${r.id} — ${r.name ?? ''}`]), 'supervisor');
  if (!$('wf-history').value) {
    $('wf-history').value = JSON.stringify(SAMPLE_HISTORY, null, 1);
    $('wf-event').value = 'approve';
    $('wf-actor').value = '王主管';
    $('wf-at').value = '2026-03-03T15:00:00+08:00';
    $('wf-note').value = '图纸符合规定';
  }
  workflowChanged();
}

function readHistory() {
  try {
    const h = JSON.parse($('wf-history').value || '[]');
    if (!Array.isArray(h)) throw new Error('expected an array of events');
    return h;
  } catch (e) {
    throw new Error(`the history is not a JSON array of events: ${e.message}`);
  }
}

/** Shows the state of the history and what every role may do next. */
function workflowChanged() {
  const workflow = $('wf-name').value;
  const def = workflows.find((w) => w.id === workflow);
  $('wf-events').replaceChildren(...(def?.events ?? []).map((e) => new Option(e)));
  $('wf-state').textContent = '';
  $('wf-timers').textContent = '';
  $('wf-next').replaceChildren();
  const history = readHistory();
  const now = $('wf-now').value.trim();
  const state = engine.workflowState({ workflow, history, now });
  $('wf-state').textContent = `${state.state}${state.terminal ? ' (finished)' : ''}`;
  const notes = state.timers.map((t) => `${t.responsible} due ${t.due_at}${t.overdue ? ' — overdue' : ''}`);
  for (const [name, a] of Object.entries(state.accounts ?? {})) notes.push(`${name}: balance ${a.balance} of ${a.held}`);
  $('wf-timers').textContent = notes.join(' · ');
  const items = [];
  for (const role of doc.org?.roles ?? []) {
    const { allowed } = engine.workflowAllowed({ workflow, history, role: role.id, now });
    for (const step of allowed) {
      const li = document.createElement('li');
      li.innerHTML = '<span class="who"></span> <span class="event"></span> → <span class="to"></span> <span class="guards"></span>';
      li.children[0].textContent = `${role.id}:`;
      li.children[1].textContent = step.event;
      li.children[2].textContent = step.to;
      li.children[3].textContent = step.guards?.length ? `if ${step.guards.join(', ')}` : '';
      li.dataset.role = role.id;
      li.dataset.event = step.event;
      items.push(li);
    }
  }
  if (!items.length) items.push(Object.assign(document.createElement('li'), { textContent: 'nothing: the instance is finished' }));
  $('wf-next').replaceChildren(...items);
}

function workflowApply() {
  const workflow = $('wf-name').value;
  const history = readHistory();
  const event = { name: $('wf-event').value.trim(), actor: $('wf-actor').value.trim(), role: $('wf-role').value, at: $('wf-at').value.trim() };
  const payload = $('wf-payload').value.trim();
  if (payload) {
    try {
      event.payload = JSON.parse(payload);
    } catch (e) {
      throw new Error(`the payload is not JSON: ${e.message}`);
    }
  }
  if ($('wf-note').value.trim()) event.note = $('wf-note').value.trim();
  const now = $('wf-now').value.trim();
  let applied;
  try {
    applied = engine.workflowApply({ workflow, history, event, now });
  } catch (e) {
    status('wf-status', `refused — nothing changed. ${describe(e)}`, false);
    return;
  }
  $('wf-history').value = JSON.stringify(applied.history, null, 1);
  status('wf-status', `accepted: ${event.role} made ${event.name}; the instance is now ${applied.state.state}`, true);
  workflowChanged();
}

// ---- 6 · any request --------------------------------------------------------------------------------------

function sendRaw() {
  try {
    const answer = engine.request($('raw-request').value);
    $('raw-response').textContent = JSON.stringify(JSON.parse(answer), null, 2);
  } catch (e) {
    $('raw-response').textContent = describe(e);
  }
}

// ---- start ------------------------------------------------------------------------------------------------

await init();
$('build').textContent = `wuye ${version()} (WebAssembly)`;
$('hb-text').value = defaultHandbook();
compile();
$('hb-compile').addEventListener('click', compile);
$('hb-reset').addEventListener('click', () => {
  $('hb-text').value = defaultHandbook();
  compile();
});
$('hb-file').addEventListener('change', async (ev) => {
  const file = ev.target.files?.[0];
  if (!file) return;
  $('hb-text').value = await file.text();
  compile();
});
$('cal-add').addEventListener('click', calendarAdd);
$('sla-evaluate').addEventListener('click', guarded('sla-status', slaEvaluate));
$('raw-send').addEventListener('click', sendRaw);
$('fees-bill').addEventListener('click', guarded('fees-status', feesBill));
for (const id of ['fees-use', 'fees-area', 'fees-from', 'fees-to']) $(id).addEventListener('change', feesFieldChanged);
$('wf-apply').addEventListener('click', () => {
  try {
    workflowApply();
  } catch (e) {
    status('wf-status', describe(e), false);
  }
});
for (const id of ['wf-name', 'wf-now', 'wf-history']) $(id).addEventListener('change', guarded('wf-status', workflowChanged));
calendarAdd();
if (available('sla.evaluate')) guarded('sla-status', slaEvaluate)();
if (available('fees.quote')) guarded('fees-status', feesBill)();
document.body.dataset.ready = 'yes';
