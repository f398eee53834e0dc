#!/usr/bin/env node
import { randomToken } from '../crypto/random.js';
import { hashPartySecret } from '../parties/party-authenticator.js';

/**
 * Makes a client secret for a provider or consumer: the secret goes to the
 * party (once, over a safe channel); only its hash goes into the config.
 */
const secret = randomToken(32);
console.log(`secret (give to the party, keep nowhere else): ${secret}`);
console.log(`config: "credential": { "type": "client_secret", "secretHash": "${hashPartySecret(secret)}" }`);
