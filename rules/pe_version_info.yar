// Version information of Windows programs (YARA's pe module): who made the program and what it is,
// whatever the file is called and wherever it lies. In a file of its own because a file that imports
// a module runs only on the content of files that are read (docs/software.md).
import "pe"

rule voicemod_version_info {
  meta:
    tool = "Voicemod" category = "voice changer" strength = "installed" indicator = "pe"
    reference = "PE version info of VoicemodDesktop.exe; signer Voicemod Sociedad Limitada"
  condition:
    artifact == "file" and pe.is_pe and
    (pe.version_info["CompanyName"] contains "Voicemod" or pe.version_info["ProductName"] contains "Voicemod")
}

rule morphvox_version_info {
  meta:
    tool = "MorphVOX" category = "voice changer" strength = "installed" indicator = "pe"
    reference = "PE version info: CompanyName Screaming Bee"
  condition:
    artifact == "file" and pe.is_pe and pe.version_info["CompanyName"] contains "Screaming Bee"
}
