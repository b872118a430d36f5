import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import { useT } from '../i18n';

/** Opt-in start at login, where the shell can do it (Electron); the headless shell leaves it to the init system. */
export function StartAtLogin({ client }: { client: ApiClient }): React.JSX.Element | null {
  const { t } = useT();
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void client.call('settings.get', {}).then((s) => setOn(s.startAtLogin));
  }, [client]);
  if (on === null) return null;
  return (
    <label className="start-at-login">
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => {
          const next = e.target.checked;
          setOn(next);
          void client.call('settings.setStartAtLogin', { on: next });
        }}
      />{' '}
      {t('settings.startAtLogin')}
    </label>
  );
}
