// What survives a reload: the session token and the organization last chosen (this browser only).
const TOKEN = 'adaptive.session';
const ORG = 'adaptive.org';

export const session = {
  token: (): string | null => localStorage.getItem(TOKEN),
  saveToken: (token: string | null) => (token ? localStorage.setItem(TOKEN, token) : localStorage.removeItem(TOKEN)),
  orgId: (): string | null => localStorage.getItem(ORG),
  saveOrgId: (id: string) => localStorage.setItem(ORG, id),
};
