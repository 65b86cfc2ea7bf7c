// The playground's SVG timeline renderer (examples/web/timeline.js) is pure, so Node checks it without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, localDate, renderTimeline, workingIntervals } from '../../examples/web/timeline.js';

const H = 3_600_000;
const day = { date: '2025-01-26', weekday: 'sun', kind: 'makeup_workday', name: '春节', working: true, windows: ['08:30-12:00', '13:30-24:00'], working_seconds: 0 };

test('working windows become instants in the calendar offset; 24:00 is the next midnight', () => {
  const [[a, b], [c, d]] = workingIntervals([day], 480);
  assert.equal(new Date(a).toISOString(), '2025-01-26T00:30:00.000Z');
  assert.equal(new Date(b).toISOString(), '2025-01-26T04:00:00.000Z');
  assert.equal(new Date(c).toISOString(), '2025-01-26T05:30:00.000Z');
  assert.equal(new Date(d).toISOString(), '2025-01-26T16:00:00.000Z');
  assert.equal(localDate(Date.parse('2025-01-25T16:30:00Z'), 480), '2025-01-26');
});

test('clip keeps the parts inside the stretch and outside the holes', () => {
  assert.deepEqual(clip([[0, 10 * H]], 2 * H, 8 * H, [[3 * H, 4 * H], [7 * H, 20 * H]]), [[2 * H, 3 * H], [4 * H, 7 * H]]);
  assert.deepEqual(clip([[0, H]], 2 * H, 3 * H), []);
});

test('the SVG shows days, working time, counted time, pauses, warnings, due and breach', () => {
  const start = Date.parse('2025-01-25T16:00:00Z');
  const end = start + 24 * H;
  const svg = renderTimeline({
    start, end, offset: 480, days: [day],
    pauses: [{ from: start + 10 * H, to: start + 11 * H, label: 'parts <&>' }],
    lanes: [{
      label: 'resolution', counted: [[start, end]], onCalendar: true, due: start + 12 * H, dueLabel: 'due 01-26 12:00',
      breach: { from: start + 12 * H, to: start + 14 * H }, warnings: [{ at: start + 9 * H, reached: true, label: '50%' }],
    }],
    marks: [{ at: start + 20 * H, kind: 'now', label: 'now' }],
  });
  for (const part of ['rect class="day day-makeup_workday"', 'class="working"', 'class="running"', 'class="pause"',
    'class="warning"', 'class="due"', 'class="breach"', 'mark-now', '春节 补班', 'due 01-26 12:00']) {
    assert.ok(svg.includes(part), part);
  }
  assert.ok(svg.includes('parts &#60;&#38;&#62;'), 'labels are escaped');
  assert.ok(!svg.includes('NaN'));
});
