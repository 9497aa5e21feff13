"""Payment provider rules -> rules/payments.yaml"""
from common import *

T = r"(?:[^A-Za-z0-9/+=]|$)"
TU = r"(?:[^A-Za-z0-9_-]|$)"
S = r"[\x22'\s:=>,]{1,24}"
R = []


def named(id, name, sev, kw, secret_rx, mk, refs, keys, negs, **kw2):
    pat = rf"(?i:{kw})[\w.-]{{0,30}}{S}({secret_rx})"
    exs = []
    for i, k in enumerate(keys):
        v = mk()
        exs.append([f"{k}={v}", f'"{k}": "{v}"', f"{k}: '{v}'"][i % 3])
    return rule(id, name, sev, pat, exs, negs, refs, **kw2)


ST = "https://docs.stripe.com/keys"
for kid, pfx, what, sev in [("secret-key", "sk_live_", "live secret key — full Stripe API access to the account (charges, payouts, customers); Paystack live keys share the prefix", "critical"),
                            ("restricted-key", "rk_live_", "live restricted key — Stripe API access per the key's permissions", "critical"),
                            ("test-secret-key", "sk_test_", "test-mode secret key — Stripe test-mode API access (no real money)", "low"),
                            ("test-restricted-key", "rk_test_", "test-mode restricted key — Stripe test-mode API access", "low")]:
    R.append(rule(f"stripe.{kid}", f"Stripe {what}", sev, rf"\b({pfx}[A-Za-z0-9]{{24,247}})\b",
        [f'Stripe.api_key = "{pfx}{r(ALNUM, 24)}"', f"STRIPE_SECRET_KEY={pfx}51{r(ALNUM, 97)}"],
        [pfx + r(ALNUM, 12), pfx + "xxxxxxxxxxxxxxxxxxxxxxxx", pfx + "<your-key>"], ST, min_entropy=3.0))
R.append(rule("stripe.webhook-secret", "Stripe (or Svix-style) webhook signing secret (whsec_) — forges webhook events the app trusts",
    "high", r"\b(whsec_[A-Za-z0-9+/=]{32,64})", [f"STRIPE_WEBHOOK_SECRET=whsec_{r(ALNUM, 32)}"], ["whsec_" + r(ALNUM, 16), "whsec_..."],
    "https://docs.stripe.com/webhooks#verify-events", min_entropy=3.5))
SQ = "https://developer.squareup.com/docs/build-basics/access-tokens"
R.append(rule("square.access-token", "Square production access token (EAAA…) — Square API access of the seller account",
    "critical", r"\b(EAAA[A-Za-z0-9_-]{60})", [f"SQUARE_ACCESS_TOKEN=EAAA{r(B64URL, 60)}"], ["EAAA" + r(ALNUM, 30), "EAAA<token>"],
    SQ, min_entropy=3.5))
R.append(rule("square.legacy-access-token", "Square access token (legacy sq0atp-) — Square API access of the seller account",
    "critical", r"\b(sq0atp-[0-9A-Za-z_-]{22})", [f"var accessToken = 'sq0atp-{r(B64URL, 22)}';", f"personal access token sq0atp-{r(B64URL, 22)}<br/>"],
    ["sq0atp-" + r(ALNUM, 10), "sq0idp-" + r(ALNUM, 22)], SQ, min_entropy=3.5))
R.append(rule("square.oauth-secret", "Square OAuth application secret (sq0csp-) — acts as the Square OAuth app",
    "critical", r"\b(sq0csp-[0-9A-Za-z_-]{43})", [f"app_secret: sq0csp-{r(B64URL, 43)}"], ["sq0csp-" + r(ALNUM, 20)],
    "https://developer.squareup.com/docs/oauth-api/overview", min_entropy=3.5))
R.append(rule("square.sandbox-access-token", "Square sandbox access token (sandbox-sq0atb-) — Square sandbox API access",
    "low", r"\b(sandbox-sq0atb-[0-9A-Za-z_-]{22})", [f"sandbox_access_token: sandbox-sq0atb-{r(B64URL, 22)}"], ["sandbox-sq0atb-" + r(ALNUM, 8)],
    SQ, min_entropy=3.5))
BT = "https://developer.paypal.com/braintree/docs/guides/authorization/access-token"
R.append(rule("braintree.access-token", "PayPal/Braintree production access token (access_token$production$…) — payment API access of the merchant",
    "critical", r"\b(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b",
    [f"BRAINTREE_ACCESS_TOKEN=access_token$production${r(LOWALNUM, 16)}${hexs(32)}"],
    ["access_token$production$" + r(LOWALNUM, 16), "access_token$production$<merchant>$<token>"], BT))
R.append(rule("braintree.sandbox-access-token", "PayPal/Braintree sandbox access token — sandbox payment API access",
    "low", r"\b(access_token\$sandbox\$[0-9a-z]{16}\$[0-9a-f]{32})\b",
    [f"access_token$sandbox${r(LOWALNUM, 16)}${hexs(32)}"], ["access_token$sandbox$" + r(LOWALNUM, 16)], BT))
R.append(named("braintree.private-key", "Braintree private key (named) — Braintree gateway API access of the merchant", "critical",
    r"braintree[_-]?private[_-]?key", r"[0-9a-f]{32}", lambda: hexs(32),
    "https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials",
    ["BRAINTREE_PRIVATE_KEY", "braintreePrivateKey"], ["BRAINTREE_PRIVATE_KEY=<private-key>", "BRAINTREE_PRIVATE_KEY=" + hexs(20)]))
R.append(named("paypal.client-secret", "PayPal REST API client secret (named) — PayPal API access of the app", "critical",
    r"paypal[_-]?(?:client[_-]?)?secret", r"[A-Za-z0-9_-]{80}", lambda: "E" + r(B64URL, 79),
    "https://developer.paypal.com/api/rest/", ["PAYPAL_CLIENT_SECRET", "paypal_secret"], ["PAYPAL_CLIENT_SECRET=" + r(ALNUM, 40)], min_entropy=3.5))
R.append(rule("adyen.api-key", "Adyen API key (AQE…) — Adyen payments/management API access of the web service user",
    "critical", r"\b(AQE[A-Za-z0-9+/]{50,300}={0,2}-[A-Za-z0-9+/]{43}=)",
    [f"ADYEN_API_KEY=AQE{r(ALNUM, 3)}{r(B64, 100)}==-{b64(32)}-{r(ALNUM, 12)}"], ["AQE" + r(B64, 30), "AQE<your-api-key>"],
    "https://docs.adyen.com/development-resources/api-credentials/", min_entropy=3.5))
R.append(named("adyen.hmac-key", "Adyen webhook HMAC key (named) — forges Adyen notifications the app trusts", "high",
    r"adyen[_-]?(?:webhook[_-]?|notification[_-]?)?hmac[_-]?key", r"[0-9A-F]{64}", lambda: r(UPHEX, 64),
    "https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures/",
    ["ADYEN_HMAC_KEY", "adyenHmacKey"], ["ADYEN_HMAC_KEY=<hmac>"]))
SH = "https://shopify.dev/docs/apps/build/authentication-authorization/access-token-types"
for kid, pfx, what in [("admin-api-token", "shpat_", "Admin API access token (custom/public app) — store admin API access per scopes"),
                       ("custom-app-token", "shpca_", "custom app access token — store admin API access per scopes"),
                       ("private-app-password", "shppa_", "private app password (legacy) — store admin API access"),
                       ("shared-secret", "shpss_", "app shared secret — signs/verifies OAuth and webhooks, exchanges tokens")]:
    R.append(rule(f"shopify.{kid}", f"Shopify {what}", "critical" if pfx != "shpss_" else "high",
        rf"\b({pfx}[a-fA-F0-9]{{32}})\b", [f'$token = "{pfx}{hexs(32)}";', f"SHOPIFY_TOKEN={pfx}{hexs(32)}"],
        [pfx + hexs(20), pfx + "<token>"], SH))
R.append(rule("shopify.storefront-token", "Shopify Storefront API private token (shpsa_/shpstf_) — storefront API access",
    "medium", r"\b(shps(?:a|tf)_[a-fA-F0-9]{32})\b", [f"SHOPIFY_STOREFRONT_TOKEN=shpsa_{hexs(32)}"], ["shpsa_" + hexs(16)],
    "https://shopify.dev/docs/api/usage/authentication#getting-started-with-private-access"))
PL = "https://plaid.com/docs/api/#api-access"
R.append(named("plaid.secret", "Plaid API secret (named) — Plaid API access of the client (bank data)", "critical",
    r"plaid[_-]?(?:sandbox[_-]?|development[_-]?|production[_-]?)?secret", r"[0-9a-f]{30}", lambda: hexs(30), PL,
    ["PLAID_SECRET", "plaid_secret"], ["PLAID_SECRET=<secret>", "PLAID_SECRET=" + hexs(20)]))
R.append(rule("plaid.access-token", "Plaid access token (access-production-/development-/sandbox-…) — reads the linked bank account's data",
    "critical", r"\b(access-(?:production|development|sandbox)-" + UUID_RX + r")\b",
    [f'"access_token": "access-production-{uuid()}"', f"access-sandbox-{uuid()}"], ["access-production-" + hexs(8), "access-staging-" + uuid()],
    "https://plaid.com/docs/api/items/"))
R.append(rule("razorpay.key-id", "Razorpay key ID (rzp_live_/rzp_test_) — identifies a Razorpay API key (pair with its secret)",
    "medium", r"\b(rzp_(?:live|test)_[A-Za-z0-9]{14})\b", [f"RAZORPAY_KEY_ID=rzp_live_{r(ALNUM, 14)}"], ["rzp_live_" + r(ALNUM, 8), "rzp_prod_" + r(ALNUM, 14)],
    "https://razorpay.com/docs/api/authentication/", min_entropy=3.0))
R.append(named("razorpay.key-secret", "Razorpay key secret (named) — Razorpay API access (payments, refunds, payouts)", "critical",
    r"razorpay[_-]?(?:key[_-]?)?secret", r"[A-Za-z0-9]{24}", lambda: r(ALNUM, 24), "https://razorpay.com/docs/api/authentication/",
    ["RAZORPAY_KEY_SECRET", "razorpay_secret"], ["RAZORPAY_KEY_SECRET=<secret>", "RAZORPAY_KEY_SECRET=" + r(ALNUM, 12)], min_entropy=3.5))
R.append(named("coinbase.api-secret", "Coinbase API secret (named) — Coinbase account/trading API access", "critical",
    r"coinbase[_-]?(?:api[_-]?)?secret", r"[A-Za-z0-9]{32}|[A-Za-z0-9+/]{86}==", lambda: r(ALNUM, 32),
    "https://docs.cdp.coinbase.com/coinbase-app/docs/auth/api-key-authentication", ["COINBASE_API_SECRET", "coinbase_secret"],
    ["COINBASE_API_SECRET=<secret>"], min_entropy=3.5))
R.append(rule("coinbase.cdp-api-key-name", "Coinbase Developer Platform API key name (organizations/…/apiKeys/…) — identifies a CDP key (pair with its private key)",
    "medium", r"\b(organizations/" + UUID_RX + r"/apiKeys/" + UUID_RX + r")\b",
    [f'"name": "organizations/{uuid()}/apiKeys/{uuid()}"'], ["organizations/{org_id}/apiKeys/{key_id}"],
    "https://docs.cdp.coinbase.com/get-started/docs/cdp-api-keys"))
FW = "https://developer.flutterwave.com/docs/integration-guides/authentication"
R.append(rule("flutterwave.secret-key", "Flutterwave live secret key (FLWSECK-) — Flutterwave API access (charges, transfers)",
    "critical", r"\b(FLWSECK-[0-9a-f]{32}-X)\b", [f"FLW_SECRET_KEY=FLWSECK-{hexs(32)}-X"], ["FLWSECK-" + hexs(20) + "-X", "FLWPUBK-" + hexs(32) + "-X"], FW))
R.append(rule("flutterwave.test-secret-key", "Flutterwave test secret key (FLWSECK_TEST-) — Flutterwave test-mode API access",
    "low", r"\b(FLWSECK_TEST-[0-9a-f]{32}-X)\b", [f"FLW_SECRET_KEY=FLWSECK_TEST-{hexs(32)}-X"], ["FLWSECK_TEST-" + hexs(10) + "-X"], FW))
R.append(rule("flutterwave.encryption-key", "Flutterwave encryption key (FLWSECK_TEST…/12 hex) — encrypts direct-charge payloads",
    "medium", r"\b(FLWSECK(?:_TEST)?[0-9a-f]{12})\b", [f"FLW_ENCRYPTION_KEY=FLWSECK_TEST{hexs(12)}"], ["FLWSECK_TEST" + hexs(6)], FW))
R.append(named("paystack.secret-key", "Paystack secret key (named sk_live_/sk_test_ 40-hex) — Paystack API access (charges, transfers)", "critical",
    r"paystack[_-]?(?:secret)?[_-]?key", r"sk_(?:live|test)_[0-9a-f]{40}", lambda: "sk_live_" + hexs(40),
    "https://paystack.com/docs/api/authentication/", ["PAYSTACK_SECRET_KEY", "paystackSecretKey"], ["PAYSTACK_SECRET_KEY=sk_live_" + hexs(20)]))
R.append(rule("mollie.api-key", "Mollie API key (live_/test_, 30 chars) — Mollie payments API access of the profile",
    "high", r"(?i:mollie)[\w.-]{0,30}[\x22'\s:=>,]{1,24}((?:live|test)_[A-Za-z0-9]{30})\b",
    [f"MOLLIE_API_KEY=live_{r(ALNUM, 30)}", f"mollie_key: 'test_{r(ALNUM, 30)}'"], ["MOLLIE_API_KEY=live_" + r(ALNUM, 10), "MOLLIE_API_KEY=<key>"],
    "https://docs.mollie.com/docs/authentication", min_entropy=3.5))
R.append(rule("mollie.access-token", "Mollie organization access token (access_) — Mollie API access of the organization",
    "high", r"(?i:mollie)[\w.-]{0,30}[\x22'\s:=>,]{1,24}(access_[A-Za-z0-9]{40})\b",
    [f"MOLLIE_ACCESS_TOKEN=access_{r(ALNUM, 40)}"], ["MOLLIE_ACCESS_TOKEN=access_" + r(ALNUM, 12)],
    "https://docs.mollie.com/docs/authentication", min_entropy=3.5))
R.append(rule("checkout.secret-key", "Checkout.com secret key (sk_/sk_sbox_) — Checkout.com payments API access",
    "critical", r"\b(sk_(?:sbox_)?[a-z2-7]{26}[a-z2-7*#$=])", [f"CKO_SECRET_KEY=sk_{r(B32L, 27)}", f"CKO_SECRET_KEY=sk_sbox_{r(B32L, 27)}"],
    ["sk_" + r(B32L, 10), "sk_test_" + r(ALNUM, 24)], "https://www.checkout.com/docs/developer-resources/api/manage-api-keys", min_entropy=3.5))
R.append(rule("gocardless.access-token", "GoCardless access token (live_) — GoCardless API access (mandates, payments)",
    "critical", r"(?i:gocardless)[\w.-]{0,30}[\x22'\s:=>,]{1,24}((?:live|sandbox)_[A-Za-z0-9_-]{40})",
    [f"GOCARDLESS_ACCESS_TOKEN=live_{r(B64URL, 40)}"], ["GOCARDLESS_ACCESS_TOKEN=live_" + r(ALNUM, 12)],
    "https://developer.gocardless.com/getting-started/api/making-your-first-request/", min_entropy=3.5))
R.append(named("wise.api-token", "Wise (TransferWise) API token (named) — Wise account API access (balances, transfers)", "critical",
    r"(?:transferwise|wise)[_-]?(?:api)?[_-]?(?:token|key)", UUID_RX, uuid, "https://docs.wise.com/api-docs/features/authentication-access/personal-tokens",
    ["WISE_API_TOKEN", "transferwise_api_key"], ["WISE_API_TOKEN=<token>"]))
R.append(named("authorizenet.transaction-key", "Authorize.Net transaction key (named) — Authorize.Net payment gateway API access", "critical",
    r"(?:authorize[_.-]?net|authnet|anet)[_-]?(?:transaction)?[_-]?key", r"[A-Za-z0-9]{16}", lambda: r(ALNUM, 16),
    "https://developer.authorize.net/api/reference/features/authentication.html", ["AUTHORIZENET_TRANSACTION_KEY", "authnet_transaction_key"],
    ["AUTHORIZENET_TRANSACTION_KEY=<key>"], min_entropy=3.0))
R.append(rule("paddle.api-key", "Paddle API key (pdl_live_apikey_/pdl_sdbx_apikey_) — Paddle Billing API access",
    "critical", r"\b(pdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3})\b",
    [f"PADDLE_API_KEY=pdl_live_apikey_{r(LOWALNUM, 26)}_{r(ALNUM, 22)}_{r(ALNUM, 3)}"], ["pdl_live_apikey_" + r(LOWALNUM, 10)],
    "https://developer.paddle.com/api-reference/about/api-keys"))
R.append(rule("midtrans.server-key", "Midtrans server key (Mid-server-/SB-Mid-server-) — Midtrans payment API access",
    "critical", r"\b((?:SB-Mid|Mid)-server-[A-Za-z0-9_-]{24})", [f"MIDTRANS_SERVER_KEY=Mid-server-{r(B64URL, 24)}", f"SB-Mid-server-{r(B64URL, 24)}"],
    ["Mid-server-" + r(ALNUM, 10), "Mid-client-" + r(ALNUM, 24)], "https://docs.midtrans.com/docs/access-keys", min_entropy=3.5))
R.append(rule("xendit.secret-key", "Xendit secret API key (xnd_production_/xnd_development_) — Xendit payments API access",
    "critical", r"\b(xnd_(?:production|development)_[A-Za-z0-9]{50,70})\b",
    [f"XENDIT_SECRET_KEY=xnd_production_{r(ALNUM, 60)}"], ["xnd_production_" + r(ALNUM, 20), "xnd_public_production_" + r(ALNUM, 60)],
    "https://docs.xendit.co/docs/api-keys", min_entropy=3.5))
R.append(named("binance.api-secret", "Binance API secret key (named) — signs Binance trading/wallet API requests", "critical",
    r"binance[_-]?(?:api)?[_-]?secret(?:[_-]?key)?", r"[A-Za-z0-9]{64}", lambda: r(ALNUM, 64),
    "https://developers.binance.com/docs/binance-spot-api-docs/faqs/api_key_types", ["BINANCE_API_SECRET", "binance_secret_key"],
    ["BINANCE_API_SECRET=<secret>", "BINANCE_API_SECRET=" + r(ALNUM, 32)], min_entropy=3.5))
R.append(named("kraken.private-key", "Kraken API private key (named) — signs Kraken trading/funding API requests", "critical",
    r"kraken[_-]?(?:api)?[_-]?(?:private|secret)[_-]?key", r"[A-Za-z0-9+/]{86}==", lambda: b64(64),
    "https://docs.kraken.com/api/docs/guides/spot-rest-auth", ["KRAKEN_PRIVATE_KEY", "kraken_secret_key"], ["KRAKEN_PRIVATE_KEY=<key>"]))
R.append(named("recurly.api-key", "Recurly private API key (named) — Recurly subscription billing API access", "high",
    r"recurly[_-]?(?:private[_-]?)?api[_-]?key", r"[0-9a-f]{32}", lambda: hexs(32),
    "https://recurly.com/developers/api/v2021-02-25/index.html#section/Getting-Started/Authentication",
    ["RECURLY_API_KEY", "recurly_private_api_key"], ["RECURLY_API_KEY=<key>"]))
R.append(named("chargebee.api-key", "Chargebee API key (live_/test_, named) — Chargebee billing API access", "high",
    r"chargebee[_-]?(?:api)?[_-]?key", r"(?:live|test)_[A-Za-z0-9]{28,40}", lambda: "live_" + r(ALNUM, 34),
    "https://apidocs.chargebee.com/docs/api/#api_authentication", ["CHARGEBEE_API_KEY", "chargebee_key"],
    ["CHARGEBEE_API_KEY=live_" + r(ALNUM, 8)], min_entropy=3.5))
R.append(named("lemonsqueezy.api-key", "Lemon Squeezy API key (named JWT) — Lemon Squeezy store API access", "high",
    r"lemon[_-]?squeezy[_-]?(?:api)?[_-]?key", r"eyJ[A-Za-z0-9_-]{10,500}\.eyJ[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{20,1000}", jwt_like,
    "https://docs.lemonsqueezy.com/api/getting-started/requests#authentication", ["LEMONSQUEEZY_API_KEY", "lemon_squeezy_api_key"],
    ["LEMONSQUEEZY_API_KEY=<key>"], validate="jwt", on_invalid="lower"))

HEADER = """DumpSentry default rules: payments (Stripe, Square, PayPal/Braintree, Adyen, Shopify, Plaid, Razorpay,
Coinbase, Flutterwave, Paystack, Mollie, Checkout.com, GoCardless, Paddle, ...).
Example values are randomly generated fakes (scripts/rulegen/payments.py), never real credentials."""

if __name__ == "__main__":
    import sys
    n = emit(sys.argv[1] if len(sys.argv) > 1 else "rules/payments.yaml", HEADER, R)
    print(n, "rules")
