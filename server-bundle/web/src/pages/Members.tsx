import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { canManageMembers, type Invitation, type Member, type Role } from '../api/types';
import { ErrorNote, messageOf } from '../components/Notes';
import { useAction } from '../components/useAction';
import { useSession } from '../context';
import { hrefOf } from '../router';

const ASSIGNABLE: Role[] = ['admin', 'member', 'viewer'];

export function Members() {
  const { api, org, user } = useSession();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const manage = canManageMembers(org.role);

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
                {manage && <td>{!fixed && <button type="button" className="danger" onClick={() => remove(m)}
                                                   aria-label={`Remove ${m.email}`}>Remove</button>}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {manage && <Invite />}
    </section>
  );
}

function Invite() {
  const { api, org } = useSession();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [copied, setCopied] = useState(false);
  const invite = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    setCopied(false);
    invite.run(async () => {
      setInvitation(await api.invite(org.id, email.trim(), role));
      setEmail('');
    });
  }

  const link = invitation && `${location.origin}${location.pathname}${hrefOf({ page: 'invitation', token: invitation.token })}`;
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
      {invitation && link && (
        <div className="note info" role="status">
          <p>Send this link to <strong>{invitation.email}</strong> ({invitation.role}); it works once, until
            {' '}{new Date(invitation.expiresAt).toLocaleDateString()}, and is not shown again.</p>
          <input readOnly aria-label="Invitation link" value={link} data-testid="invitation-link"
                 onFocus={(e) => e.target.select()} />
          <button type="button" onClick={() => navigator.clipboard?.writeText(link).then(() => setCopied(true))}>
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </div>
      )}
    </form>
  );
}
