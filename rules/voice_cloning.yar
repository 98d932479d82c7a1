rule real_time_voice_cloning {
  meta:
    tool = "Real-Time-Voice-Cloning" category = "voice cloning" strength = "configured"
    reference = "CorentinJ/Real-Time-Voice-Cloning: saved_models/default/{encoder,synthesizer,vocoder}.pt, demo_toolbox.py"
  condition:
    artifact == "file" and
    (filepath matches /(^|\/)saved_models\/default\/(encoder|synthesizer|vocoder)\.pt$/i or filename == "demo_toolbox.py")
}

rule tortoise_tts {
  meta:
    tool = "Tortoise TTS" category = "voice cloning" strength = "configured"
    reference = "neonbjb/tortoise-tts: ~/.cache/tortoise/models/autoregressive.pth"
  condition:
    artifact == "file" and filepath matches /(^|\/)\.cache\/tortoise\/models\/autoregressive\.pth$/i
}

rule coqui_xtts {
  meta:
    tool = "Coqui XTTS" category = "voice cloning" strength = "configured"
    reference = "coqui-ai/TTS: tts/tts_models--multilingual--multi-dataset--xtts_v2/model.pth"
  condition:
    artifact == "file" and filepath matches /(^|\/)tts_models--multilingual--multi-dataset--xtts_v[0-9.]+\/model\.pth$/i
}

rule elevenlabs_api {
  meta:
    tool = "ElevenLabs" category = "voice cloning" strength = "configured" indicator = "content"
    reference = "signatures-research.md: ELEVENLABS_API_KEY, xi-api-key, api.elevenlabs.io in files"
  strings:
    $key = "ELEVENLABS_API_KEY"
    $header = "xi-api-key"
    $host = "api.elevenlabs.io"
  condition:
    artifact == "file" and file_size < 1048576 and any of them
}
