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
  setupSla();
  setupFees();
  setupWorkflow();
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

function setupFees() {
  unavailable('fees', ['fees.bill']);
}

function setupWorkflow() {
  unavailable('wf', ['workflow.apply', 'workflow.allowed']);
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
calendarAdd();
if (available('sla.evaluate')) guarded('sla-status', slaEvaluate)();
document.body.dataset.ready = 'yes';
