import { GOOGLE_ORIGIN, hostOf } from '../../protocol/config.ts';
import { useSandbox, useSandboxContext } from '../context.ts';
import { applySettings } from '../settings.ts';

/**
 * Asks before the key goes somewhere new. Live calls now point at an endpoint the key was not
 * given for (a shared link, or a base URL typed in): nothing is sent there until the user says
 * yes here. Not answering is the default answer, no: live calls stay off, agents use the mock.
 */
export function KeyConsent() {
  const ctx = useSandboxContext();
  const blocked = useSandbox((s) => s.keyBlocked);
  const origins = useSandbox((s) => s.keyOrigins);
  if (blocked === null) return null;
  const home = origins[0];
  return (
    <div className="notice notice-warning key-consent" role="alertdialog" aria-labelledby="key-consent-question" data-testid="key-consent">
      <p id="key-consent-question">
        <strong>{`Send your key to ${blocked.host}?`}</strong>{' '}
        {`It was given for ${origins.map(hostOf).join(', ')}. Until you agree, live calls stay off and agents think with the mock brain.`}
      </p>
      <div className="row">
        <button type="button" onClick={() => void applySettings(ctx, {}, { allowOrigin: blocked.origin })}>
          {`Send key to ${blocked.host}`}
        </button>
        {home !== undefined && (
          <button type="button" onClick={() => void applySettings(ctx, { baseUrl: home === GOOGLE_ORIGIN ? '' : home })}>
            {`No, use ${hostOf(home)}`}
          </button>
        )}
      </div>
    </div>
  );
}
