// Hash routes (nginx serves one page; no server routes needed): #/ventures, #/ventures/<id>[/<tab>], #/members,
// #/invitation/<token>, #/profile, #/forgot, #/reset/<token>, #/confirm-email/<token>, and the identity provider's
// return: #/sso/<code> (exchanged for the session) or #/sso-failed/<reason>.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'ventures' }
  | { page: 'venture'; id: string; tab?: string }
  | { page: 'members' }
  | { page: 'notifications' }
  | { page: 'invitation'; token: string }
  | { page: 'profile' }
  | { page: 'forgot' }
  | { page: 'reset'; token: string }
  | { page: 'confirm-email'; token: string }
  | { page: 'sso'; code: string }
  | { page: 'sso-failed'; reason: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'ventures' && parts[1]) return { page: 'venture', id: parts[1], tab: parts[2] };
  if (parts[0] === 'members') return { page: 'members' };
  if (parts[0] === 'notifications') return { page: 'notifications' };
  if (parts[0] === 'invitation' && parts[1]) return { page: 'invitation', token: parts[1] };
  if (parts[0] === 'profile') return { page: 'profile' };
  if (parts[0] === 'forgot') return { page: 'forgot' };
  if (parts[0] === 'reset' && parts[1]) return { page: 'reset', token: parts[1] };
  if (parts[0] === 'confirm-email' && parts[1]) return { page: 'confirm-email', token: parts[1] };
  if (parts[0] === 'sso' && parts[1]) return { page: 'sso', code: parts[1] };
  if (parts[0] === 'sso-failed' && parts[1]) return { page: 'sso-failed', reason: parts[1] };
  return { page: 'ventures' };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'ventures': return '#/ventures';
    case 'venture': return `#/ventures/${encodeURIComponent(route.id)}${route.tab ? `/${encodeURIComponent(route.tab)}` : ''}`;
    case 'members': return '#/members';
    case 'notifications': return '#/notifications';
    case 'invitation': return `#/invitation/${encodeURIComponent(route.token)}`;
    case 'profile': return '#/profile';
    case 'forgot': return '#/forgot';
    case 'reset': return `#/reset/${encodeURIComponent(route.token)}`;
    case 'confirm-email': return `#/confirm-email/${encodeURIComponent(route.token)}`;
    case 'sso': return `#/sso/${encodeURIComponent(route.code)}`;
    case 'sso-failed': return `#/sso-failed/${encodeURIComponent(route.reason)}`;
  }
}

export function navigate(route: Route): void {
  location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
