import { html, type TemplateResult } from 'lit';
import type { AuditEntry } from '@regiekit/sdk/protocol';
import { tableRegion } from '../shared/table-region.js';
import type { AuditLogMessages } from './audit-log.messages.js';

/** Who acted: a staff account by name and username, or the system, switchboard or command line. */
function actorText(t: AuditLogMessages, entry: AuditEntry): string {
  if (!entry.actor) return '';
  if (Object.hasOwn(t.actors, entry.actor)) return t.actors[entry.actor as keyof AuditLogMessages['actors']];
  return entry.actorName ? t.account(entry.actorName, entry.actor) : entry.actor;
}

/** What the entry concerns: an account by name, or a call by its id (the log holds no caller data). */
function subjectText(t: AuditLogMessages, entry: AuditEntry): string {
  if (!entry.subject) return '';
  if (entry.type.startsWith('call.') || entry.type === 'bsn.revealed' || entry.type === 'external-link.opened')
    return t.call(entry.subject);
  return entry.subjectName ? t.account(entry.subjectName, entry.subject) : entry.subject;
}

/** The audit log as a table in the reader's language. */
export function renderAuditLog(
  t: AuditLogMessages,
  entries: readonly AuditEntry[],
  formatTime: (iso: string) => string,
): TemplateResult {
  return tableRegion(
    'audit-caption',
    html`<table class="cards" role="table">
      <caption id="audit-caption">${t.audit}</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th scope="col" role="columnheader">${t.at}</th>
          <th scope="col" role="columnheader">${t.event}</th>
          <th scope="col" role="columnheader">${t.actor}</th>
          <th scope="col" role="columnheader">${t.subject}</th>
          <th scope="col" role="columnheader">${t.detail}</th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        ${entries.map(
          (entry) => html`<tr role="row" data-event=${entry.type}>
            <td role="cell"><time datetime=${entry.at}>${formatTime(entry.at)}</time></td>
            <td role="cell" data-label=${t.event}>${t.events[entry.type] ?? entry.type}</td>
            <td role="cell" data-label=${t.actor}>${actorText(t, entry)}</td>
            <td role="cell" data-label=${t.subject}>${subjectText(t, entry)}</td>
            <td role="cell" data-label=${t.detail}>${entry.detail && Object.hasOwn(t.details, entry.detail) ? t.details[entry.detail] : (entry.detail ?? '')}</td>
          </tr>`,
        )}
      </tbody>
    </table>`,
  );
}
