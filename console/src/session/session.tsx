import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, tokenStore, unwrap, type Schemas } from '../api/client';

export type Me = Schemas['Me'];

interface Session {
  me: Me | undefined;
  loading: boolean;
  signIn: (token: string) => Promise<Me>;
  signOut: () => void;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** Who is signed in (GET /api/me with the stored token); sign-in checks a token before keeping it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [token, setToken] = useState(tokenStore.get());
  const hasToken = token !== null;
  const query = useQuery({
    queryKey: ['me', token],
    queryFn: () => unwrap(api.GET('/api/me')),
    enabled: hasToken,
    retry: false,
    staleTime: Infinity,
  });
  const signIn = useCallback(
    async (token: string): Promise<Me> => {
      const me = await unwrap(api.GET('/api/me', { headers: { authorization: `Bearer ${token}` } }));
      tokenStore.set(token);
      client.clear();
      client.setQueryData(['me', token], me);
      setToken(token);
      return me;
    },
    [client],
  );
  const signOut = useCallback(() => {
    tokenStore.clear();
    client.clear();
    setToken(null);
  }, [client]);
  const value = useMemo<Session>(
    () => ({ me: hasToken ? query.data : undefined, loading: hasToken && query.isPending, signIn, signOut }),
    [hasToken, query.data, query.isPending, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
