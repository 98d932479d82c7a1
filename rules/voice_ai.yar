rule voice_ai_installed {
  meta:
    tool = "Voice.ai" category = "voice changer" strength = "installed"
    reference = "signatures-research.md: Program Files\\Voice.ai\\VoiceAI.exe, device Voice.ai Audio Cable"
  strings:
    $cable = "Voice.ai Audio Cable" nocase
  condition:
    (artifact == "file" and filepath matches /(^|\/)Voice\.ai\/VoiceAI\.exe$/i) or
    (artifact == "registry" and $cable)
}
