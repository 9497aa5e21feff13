import Foundation

/// Decodes a JWT's header and claims to validate it and report `alg`, `kid`, `iss` and `exp`
/// (claims that identify the key to rotate; the signature is never decoded or reported).
enum JWTInspector {
    static func inspect(_ token: [UInt8]) -> SecretValidator.Outcome {
        let parts = token.split(separator: 0x2e, omittingEmptySubsequences: false)
        guard parts.count == 3 || parts.count == 5,
              let headerBytes = Base64Body.decode(parts[0]),
              let header = object(headerBytes),
              let alg = header["alg"] as? String else {
            return SecretValidator.Outcome(isValid: false, details: [:])
        }
        var details = ["alg": alg]
        if let kid = header["kid"] as? String { details["kid"] = kid }
        if parts.count == 3, let claimBytes = Base64Body.decode(parts[1]), let claims = object(claimBytes) {
            if let iss = claims["iss"] as? String { details["iss"] = iss }
            if let exp = claims["exp"] as? NSNumber { details["exp"] = exp.stringValue }
        }
        return SecretValidator.Outcome(isValid: true, details: details)
    }

    private static func object(_ bytes: [UInt8]) -> [String: Any]? {
        guard bytes.first == 0x7b else { return nil }  // '{'
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        } catch {
            return nil  // not JSON: the caller reports the token as not a valid JWT
        }
    }
}
