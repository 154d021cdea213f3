import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEvent } from '@rampart/core/event';
import { toAlertRecord } from '../alerts/alert-record.js';
import { DuckDbEventStore } from '../store/duckdb/duckdb-store.js';
import { IncidentService } from './incident-service.js';

function alert(ruleId: string, ip: string, level: string, matched: string) {
  const a = createEvent(
    { module: 'siem', kind: 'alert', action: 'sigma-match', timestamp: Date.parse('2026-11-23T10:00:00Z') },
    {
      rule: { id: ruleId, name: `Rule ${ruleId}` },
      rampart: { siem: { matched_event_ids: [matched], rule_level: level } },
    },
  );
  const trigger = createEvent({ module: 'gateway', action: 'allow', id: matched }, { source: { ip } });
  return { record: toAlertRecord(a, trigger), trigger };
}

test('alerts group by rule and entity; the workflow moves forward only and keeps a timeline', async () => {
  const store = await DuckDbEventStore.open(':memory:');
  let clock = 1_000;
  const incidents = new IncidentService(store, () => clock++);
  try {
    const a1 = alert('r1', '10.0.0.1', 'medium', 'm1');
    const a2 = alert('r1', '10.0.0.1', 'high', 'm2');
    const a3 = alert('r1', '10.0.0.2', 'low', 'm3');
    const a4 = alert('r2', '10.0.0.1', 'low', 'm4');
    const all = [a1, a2, a3, a4];
    await store.appendEvents(all.map((a) => a.trigger));
    await store.appendAlerts(all.map((a) => a.record));
    await incidents.group(all.map((a) => a.record));

    const list = await store.listIncidents();
    assert.equal(list.length, 3);
    const main = list.find((i) => i.ruleId === 'r1' && i.entity === 'source.ip=10.0.0.1');
    assert.ok(main);
    assert.equal(main.alertCount, 2);
    assert.equal(main.level, 'high', 'the incident takes its highest alert level');
    assert.equal(main.status, 'new');

    await incidents.setStatus(main.id, 'triaged', 'alice');
    await incidents.assign(main.id, 'bob', 'alice');
    await incidents.addNote(main.id, 'blocked at the gateway', 'bob');
    await assert.rejects(incidents.setStatus(main.id, 'new', 'bob'), { code: 'SIEM_INCIDENT_TRANSITION' });
    await incidents.setStatus(main.id, 'contained', 'bob');
    await incidents.setStatus(main.id, 'resolved', 'bob', 'false positive ruled out');
    await assert.rejects(incidents.setStatus(main.id, 'closed' as never), { code: 'USAGE' });

    const d = await incidents.detail(main.id);
    assert.equal(d.incident.status, 'resolved');
    assert.equal(d.incident.assignee, 'bob');
    assert.deepEqual(
      d.timeline.map((t) => t.kind),
      ['created', 'alert', 'status', 'assign', 'note', 'status', 'status'],
    );
    assert.deepEqual(d.events.map((e) => e.event.id).sort(), ['m1', 'm2']);

    // Once resolved, a new alert for the same rule and entity opens a new incident.
    const a5 = alert('r1', '10.0.0.1', 'low', 'm5');
    await store.appendAlerts([a5.record]);
    await incidents.group([a5.record]);
    assert.equal((await store.listIncidents({ status: 'new' })).length, 3);

    const byHand = await incidents.create({
      title: 'campaign',
      alertIds: [a3.record.id, a4.record.id],
      author: 'alice',
    });
    assert.equal(byHand.level, 'low');
    assert.equal((await incidents.detail(byHand.id)).alerts.length, 2);
    await assert.rejects(incidents.create({ title: 'x', alertIds: ['nope'] }), { code: 'SIEM_NOT_FOUND' });
  } finally {
    await store.close();
  }
});
