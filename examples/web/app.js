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

function calendarAdd() {
  const calendar = $('cal-name').value;
  const from = $('cal-from').value.trim();
  const add = { [$('cal-unit').value]: Number($('cal-amount').value) };
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
    title: `${JSON.stringify(add)} from ${from} on ${calendar}`,
    start,
    end,
    offset,
    days,
    running: { from: ms(from), to: ms(due.at) },
    marks: [
      { at: ms(from), kind: 'start', label: `from ${shortTime(from)}` },
      { at: ms(due.at), kind: 'due', label: `due ${shortTime(due.at)}` },
    ],
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

function setupSla() {
  unavailable('sla', ['sla.evaluate']);
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
$('raw-send').addEventListener('click', sendRaw);
calendarAdd();
document.body.dataset.ready = 'yes';
