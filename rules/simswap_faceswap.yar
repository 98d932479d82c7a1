rule simswap {
  meta:
    tool = "SimSwap" category = "face swap" strength = "configured"
    reference = "neuralchen/SimSwap: arcface_model/arcface_checkpoint.tar"
  condition:
    artifact == "file" and filepath matches /(^|\/)arcface_model\/arcface_checkpoint\.tar$/i
}

rule faceswap_installed {
  meta:
    tool = "faceswap" category = "face swap" strength = "installed"
    reference = "deepfakes/faceswap: faceswap_win_launcher.bat"
  condition:
    artifact == "file" and filename matches /^faceswap_win_launcher\.bat$/i
}

rule faceswap_trained {
  meta:
    tool = "faceswap" category = "face swap" strength = "used"
    reference = "deepfakes/faceswap: alignments *.fsa, <model>_state.json"
  condition:
    artifact == "file" and (extension == "fsa" or filename matches /_state\.json$/i and filepath matches /faceswap/i)
}
