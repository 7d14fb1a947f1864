// The browser-side reading of a token's claims (no verification: the API verifies), shared
// by the form page's script and the other pages' common script.
export const DECODE_PAYLOAD_JS = String.raw`function decodePayload(token) {
    var part = String(token).split('.')[1];
    if (!part) return null;
    try {
      var b64 = part.replace(/-/g, '+').replace(/_/g, '/');
      while (b64.length % 4) b64 += '=';
      var binary = atob(b64);
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      var payload = JSON.parse(new TextDecoder().decode(bytes));
      return payload && typeof payload === 'object' ? payload : null;
    } catch (e) {
      return null;
    }
  }`;
