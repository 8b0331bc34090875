import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  canManageMembers, type AdminReset, type Invitation, type ListedInvitation, type Member, type OutboxMail, type Role,
} from '../api/types';
import { ErrorNote, InfoNote, messageOf } from '../components/Notes';
import { useAction } from '../components/useAction';
import { atLeastVersion, useSession } from '../context';
import { hrefOf } from '../router';
import { CustomRolesPanel } from '../workspace/CustomRolesPanel';
import { SsoPanel } from './SsoPanel';

const ASSIGNABLE: Role[] = ['admin', 'member', 'viewer'];

export function Members() {
  const { api, org, user, serverVersion } = useSession();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resetting, setResetting] = useState<Member | null>(null);
  const [mail, setMail] = useState<{ enabled: boolean; mail: OutboxMail[] } | null>(null);
  const manage = canManageMembers(org.role);
  const accounts = manage && atLeastVersion(serverVersion, '1.2.0');
  const loadMail = useCallback(() => {
    if (accounts) api.organizationMail(org.id).then(setMail, () => setMail(null));
  }, [api, org.id, accounts]);
  useEffect(loadMail, [loadMail]);

  const load = useCallback(() => {
    api.members(org.id).then(setMembers, (e) => setError(messageOf(e)));
  }, [api, org.id]);
  useEffect(load, [load]);

  async function changeRole(m: Member, role: Role) {
    setError(null);
    try {
      await api.changeRole(org.id, m.userId, role);
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function remove(m: Member) {
    if (!confirm(`Remove ${m.email} from ${org.name}? They lose access at once.`)) return;
    setError(null);
    try {
      await api.removeMember(org.id, m.userId);
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section aria-labelledby="members-title">
      <div className="page-head"><h1 id="members-title">Members of {org.name}</h1></div>
      {!manage && <p className="note readonly">Only founders and admins can invite people or change roles; your role is <strong>{org.role}</strong>.</p>}
      <ErrorNote error={error} />
      <table className="card members">
        <thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Role</th>{manage && <th scope="col"><span className="sr-only">Actions</span></th>}</tr></thead>
        <tbody>
          {members?.map((m) => {
            const fixed = !manage || m.role === 'founder' || m.userId === user.id;
            return (
              <tr key={m.userId}>
                <td>{m.email}</td>
                <td>{m.name}</td>
                <td>
                  {fixed ? m.role : (
                    <select aria-label={`Role of ${m.email}`} value={m.role}
                            onChange={(e) => changeRole(m, e.target.value as Role)}>
                      {ASSIGNABLE.map((r) => <option key={r} value={r}>{r}</option>)}
                    </select>
                  )}
                </td>
                {manage && <td>
                  {accounts && m.userId !== user.id && (m.role !== 'founder' || org.role === 'founder') && (
                    <button type="button" aria-label={`Reset the password of ${m.email}`}
                            onClick={() => setResetting(m)}>Reset password</button>)}
                  {!fixed && <button type="button" className="danger" onClick={() => remove(m)}
                                     aria-label={`Remove ${m.email}`}>Remove</button>}
                </td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {resetting && <MemberReset key={resetting.userId} member={resetting} mailEnabled={mail?.enabled ?? false}
                                 onClose={() => setResetting(null)} />}
      {manage && <Invitations mailEnabled={mail?.enabled ?? false} onIssued={loadMail} />}
      {mail && <MailDelivery mail={mail} />}
      {accounts && <SsoPanel />}
      {manage && members && atLeastVersion(serverVersion, '1.2.0') && <CustomRolesPanel members={members} />}
    </section>
  );
}

/** The invitation form, the link of the one just made or sent again, and (server 1.2.0+) the list. */
function Invitations({ mailEnabled, onIssued }: { mailEnabled: boolean; onIssued: () => void }) {
  const { api, org, serverVersion } = useSession();
  const listed = atLeastVersion(serverVersion, '1.2.0');
  const [invitations, setInvitations] = useState<ListedInvitation[] | null>(null);
  const [issued, setIssued] = useState<Invitation | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    if (listed) api.invitations(org.id).then(setInvitations, (e) => setError(messageOf(e)));
  }, [api, org.id, listed]);
  useEffect(load, [load]);

  async function act(work: () => Promise<Invitation | void>) {
    setError(null);
    try {
      const result = await work();
      if (result) setIssued(result);
      load();
      onIssued();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <>
      <Invite onIssued={(i) => { setIssued(i); load(); onIssued(); }} />
      {!mailEnabled && listed && <p className="hint">This installation sends no email: send each invitation's link
        yourself (your admin can set up mail in the console).</p>}
      {issued && <InvitationLink invitation={issued} />}
      {invitations && invitations.length > 0 && (
        <table className="card members" aria-labelledby="invitations-title">
          <caption id="invitations-title">Invitations</caption>
          <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th>
            <th scope="col">Invited by</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id} data-testid={`invitation-${i.email}`}>
                <td>{i.email}</td>
                <td>{i.role}</td>
                <td>{i.status === 'pending' ? `pending until ${new Date(i.expiresAt).toLocaleDateString()}` : i.status}</td>
                <td>{i.invitedBy ?? ''}</td>
                <td>
                  {(i.status === 'pending' || i.status === 'expired') && (
                    <button type="button" aria-label={`New link for ${i.email}`}
                            onClick={() => act(() => api.resendInvitation(org.id, i.id))}>New link</button>)}
                  {i.status === 'pending' && (
                    <button type="button" className="danger" aria-label={`Revoke the invitation of ${i.email}`}
                            onClick={() => confirm(`Revoke the invitation of ${i.email}? Its link stops working.`)
                              && act(() => api.revokeInvitation(org.id, i.id))}>Revoke</button>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorNote error={error} />
    </>
  );
}

function Invite({ onIssued }: { onIssued: (invitation: Invitation) => void }) {
  const { api, org } = useSession();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const invite = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    invite.run(async () => {
      onIssued(await api.invite(org.id, email.trim(), role));
      setEmail('');
    });
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <div className="grid-3">
        <label>Email
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ASSIGNABLE.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <div className="align-end"><button type="submit" className="primary" disabled={invite.busy}>Create invitation</button></div>
      </div>
      <ErrorNote error={invite.error} />
    </form>
  );
}

/** The link of an invitation just made or sent again: shown this once, to copy. */
function InvitationLink({ invitation }: { invitation: Invitation }) {
  const [copied, setCopied] = useState(false);
  const link = invitation.link ?? `${location.origin}${location.pathname}${hrefOf({ page: 'invitation', token: invitation.token })}`;
  return (
    <div className="note info" role="status">
      {invitation.mailed
        ? <p>A mail with this link is on its way to <strong>{invitation.email}</strong> ({invitation.role}). You can also
            send it yourself; it works once, until {new Date(invitation.expiresAt).toLocaleDateString()}.</p>
        : <p>Send this link to <strong>{invitation.email}</strong> ({invitation.role}); it works once, until
            {' '}{new Date(invitation.expiresAt).toLocaleDateString()}, and is not shown again.</p>}
      <input readOnly aria-label="Invitation link" value={link} data-testid="invitation-link"
             onFocus={(e) => e.target.select()} />
      <button type="button" onClick={() => navigator.clipboard?.writeText(link).then(() => setCopied(true))}>
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}

/**
 * An admin resets a member's password: a link by mail (when the installation sends mail) or a one-time password to
 * hand over, shown once; or signs them out everywhere. The member is signed out either way.
 */
function MemberReset({ member, mailEnabled, onClose }: { member: Member; mailEnabled: boolean; onClose: () => void }) {
  const { api, org } = useSession();
  const [done, setDone] = useState<AdminReset | null>(null);
  const [signedOut, setSignedOut] = useState<number | null>(null);
  const { busy, error, run } = useAction();
  return (
    <section className="card" role="dialog" aria-labelledby="reset-member-title" data-testid="member-reset">
      <h2 id="reset-member-title">Reset the password of {member.email}</h2>
      {!done && signedOut === null && (
        <>
          <p>They are signed out everywhere at once.</p>
          <div className="row">
            {mailEnabled && <button type="button" className="primary" disabled={busy}
                                    onClick={() => run(async () => setDone(await api.resetMemberPassword(org.id, member.userId, true)))}>
              Email them a reset link</button>}
            <button type="button" disabled={busy}
                    onClick={() => run(async () => setDone(await api.resetMemberPassword(org.id, member.userId, false)))}>
              Make a one-time password</button>
            <button type="button" disabled={busy}
                    onClick={() => run(async () => setSignedOut((await api.signOutMember(org.id, member.userId)).ended))}>
              Only sign them out everywhere</button>
          </div>
        </>
      )}
      {done?.oneTimePassword && (
        <div className="note info" role="status">
          <p>Give this one-time password to {done.email} in person or by phone; they choose their own at the next sign-in.
            It is not shown again.</p>
          <input readOnly aria-label="One-time password" value={done.oneTimePassword} data-testid="one-time-password"
                 onFocus={(e) => e.target.select()} />
        </div>
      )}
      {done && !done.oneTimePassword && <InfoNote>A link to choose a new password is on its way to {done.email}; it works
        for a day.</InfoNote>}
      {signedOut !== null && <InfoNote>{signedOut} session{signedOut === 1 ? '' : 's'} of {member.email} signed out.</InfoNote>}
      <ErrorNote error={error} />
      <button type="button" onClick={onClose}>Close</button>
    </section>
  );
}

/** The organization's mail (its invitations): whether each arrived at the mail server, or why not yet. */
function MailDelivery({ mail }: { mail: { enabled: boolean; mail: OutboxMail[] } }) {
  if (!mail.enabled || mail.mail.length === 0) return null;
  return (
    <table className="card members" aria-labelledby="mail-title">
      <caption id="mail-title">Email sent</caption>
      <thead><tr><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Status</th></tr></thead>
      <tbody>
        {mail.mail.map((m) => (
          <tr key={m.id}>
            <td>{m.recipient}</td>
            <td>{m.subject}</td>
            <td>{m.status === 'sent' ? `sent ${new Date(m.sentAt!).toLocaleString()}`
              : m.status === 'failed' ? `not delivered: ${m.lastError}`
              : m.lastError ? `waiting (attempt ${m.attempts}: ${m.lastError}); next try ${new Date(m.nextAttemptAt!).toLocaleTimeString()}`
              : 'waiting'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
