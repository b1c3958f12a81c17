import { createBridgeApp } from "../lib/app.js";

// App, the bridge stack and the cdk-nag plugin are composed in lib/app.ts so the tests
// synthesize exactly what `cdk synth` does.
createBridgeApp();
