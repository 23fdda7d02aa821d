// A real OpenID Connect provider on loopback for the sign-in tests: oauth2-mock-server (npm) with an RS256 key,
// discovery, PKCE, nonce and signed ID tokens. It approves every authorization request at once (there is no
// login form), as one analyst whose claims are given on the command line:
//     node tests/oidc/provider.mjs PORT EMAIL "NAME"
// It prints "ready ISSUER" once it listens, and serves until it is killed.
import { OAuth2Server } from "oauth2-mock-server";

const [port, email, name] = process.argv.slice(2);
const server = new OAuth2Server();
await server.issuer.keys.generate("RS256");
server.service.on("beforeTokenSigning", (token) => {
  // The ID token and the access token both carry who signed in; Streamlit reads the ID token's claims.
  Object.assign(token.payload, { sub: email, email, email_verified: true, name });
});
server.service.on("beforeUserinfo", (response) => {
  response.body = { sub: email, email, email_verified: true, name };
});
server.issuer.url = `http://127.0.0.1:${port}`;  // not "localhost", which may resolve to ::1
await server.start(Number(port), "127.0.0.1");
console.log(`ready ${server.issuer.url}`);
