rule voxal_driver {
  meta:
    tool = "Voxal Voice Changer" category = "voice changer" strength = "installed"
    reference = "signatures-research.md: driver voxaldriver, an audio-class UpperFilter"
  strings:
    $filter = /(Upper|Lower)Filters=[^\n]*voxaldriver/ nocase
  condition:
    (artifact == "registry" and (filename matches /^voxaldriver$/i or $filter)) or
    (artifact == "file" and filename matches /^voxal(driver)?\.(exe|sys)$/i)
}
