rule android_voice_changer {
  meta:
    tool = "Android voice changer" category = "voice changer" strength = "installed" indicator = "package"
    reference = "signatures-research.md: com.bng.magiccall (live-call voice changer), com.baviux.voicechanger, net.voicemod.soundboard"
  condition:
    artifact == "package" and filepath matches /^(com\.bng\.magiccall|com\.baviux\.voicechanger|net\.voicemod\.soundboard)$/
}

rule android_caller_id_spoofing {
  meta:
    tool = "Caller-ID spoofing app" category = "caller-ID spoofing" strength = "installed" indicator = "package"
    reference = "package names that say so (spoof, fake caller id); a name heuristic, not a list of confirmed apps"
  condition:
    artifact == "package" and filepath matches /(spoof|fake[._]?call(er)?[._]?id|callerid[._]?(changer|faker|spoof))/i
}
