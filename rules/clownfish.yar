rule clownfish_installed {
  meta:
    tool = "Clownfish Voice Changer" category = "voice changer" strength = "installed"
    reference = "signatures-research.md: Program Files (x86)\\ClownfishVoiceChanger\\ClownfishVoiceChanger.exe, Uninstall key ClownfishVoiceChanger"
  condition:
    (artifact == "file" and filepath matches /(^|\/)ClownfishVoiceChanger\/ClownfishVoiceChanger\.exe$/i) or
    (artifact == "registry" and filename matches /^ClownfishVoiceChanger$/i)
}
