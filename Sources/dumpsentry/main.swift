import DumpSentryKit
print("dumpsentry")
