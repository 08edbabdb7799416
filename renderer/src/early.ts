// Runs first: the build inlines it into the page after the bridge (module scripts run in order), so it asks main for
// what the first paint needs while the app's code is still downloading; main.tsx takes the answers. Not bundled.
import type { EarlyAnswers } from './api';

const api = window.botsweep;
(window as { botsweepEarly?: EarlyAnswers }).botsweepEarly = {
  settings: api.settings.get({}),
  profiles: api.profiles.list({}),
  running: api.sweep.status({}),
};
