// The contact beside its chat: a transfer's note for this agent first (the `transferNote` attribute the previous
// agent left), then DescribeContact's facts and the GetContactAttributes key/values.
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Contact } from "@aws-sdk/client-connect";
import type { Api } from "../api.js";
import { explainError } from "../logic/errors.js";
import { reasonText } from "../logic/present.js";
import { formatClock } from "../logic/time.js";
import type { Item } from "../logic/transcript.js";
import { History } from "./History.js";

export function Details({ id, api, contactId, ended, read }: { id?: string; api: Api; contactId: string; ended: boolean; read: (contactId: string) => Promise<Item[]> }) {
  const [contact, setContact] = useState<Contact>();
  const [attrs, setAttrs] = useState<Record<string, string>>();
  const [error, setError] = useState<string>();

  const load = () => {
    setError(undefined);
    Promise.all([api.describe(contactId), api.attributes(contactId)])
      .then(([c, a]) => (setContact(c), setAttrs(a)))
      .catch((e) => setError(explainError(e).detail));
  };
  useEffect(load, [api, contactId, ended]);

  const facts: [string, string | undefined][] = [
    ["Customer", contact?.CustomerEndpoint?.Address],
    ["To", contact?.SystemEndpoint?.Address?.split("/").pop()],
    ["Channel", contact && `${contact.Channel} · ${contact.InitiationMethod}`],
    ["Started", contact?.InitiationTimestamp && formatClock(contact.InitiationTimestamp)],
    ["Ended", contact?.DisconnectTimestamp && `${formatClock(contact.DisconnectTimestamp)}${contact.DisconnectReason ? ` · ${reasonText(contact.DisconnectReason)}` : ""}`],
    ["Contact ID", contactId],
  ];
  const entries = Object.entries(attrs ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <aside id={id} class="details" aria-label="Contact details" data-testid="details">
      {attrs?.transferNote && (
        <div class="transfer-note" data-testid="transfer-note">
          <h3>Transfer note</h3>
          <p dir="auto">{attrs.transferNote}</p>
        </div>
      )}
      <h3>Contact</h3>
      {error && <p class="alert" role="alert">{error}</p>}
      <dl>
        {facts.filter(([, v]) => v).map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd class={k === "Contact ID" ? "mono" : ""}>{v}</dd>
          </Fragment>
        ))}
      </dl>
      <h3>
        Attributes <button class="ghost tiny" onClick={load} aria-label="Reload attributes">↻</button>
      </h3>
      {attrs === undefined ? (
        <p class="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p class="muted">No attributes.</p>
      ) : (
        <dl data-testid="attributes">
          {entries.map(([k, v]) => (
            <Fragment key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {contact && attrs && <History api={api} contactId={contactId} address={contact.CustomerEndpoint?.Address} customerId={attrs.CustomerId} read={read} />}
    </aside>
  );
}
