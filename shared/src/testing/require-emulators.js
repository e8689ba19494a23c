// Integration tests run against the emulators `npm test` starts once (./emulators.sh exec).
// Fail the run at once, with the fix, instead of 30 s timeouts in every file.
const startRecording = require('./index-coverage/start-recording');

module.exports = async () => {
  await startRecording();
  const missing = ['FIRESTORE_EMULATOR_HOST', 'PUBSUB_EMULATOR_HOST'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `Integration tests need the emulators (${missing.join(', ')} unset): run them with \`npm test\` or \`./emulators.sh exec 'npx jest --selectProjects integration'\`.`,
    );
  }
};
